package dev.passerelle.telegram;

import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import java.time.Instant;
import java.util.Optional;

/**
 * Secret chats are end-to-end encrypted between two phones: the bridge cannot read them. Instead of silence, the
 * login's owner is told once per secret chat (remembered in the connector store across restarts), when TDLib first
 * announces it or a message arrives in it.
 */
final class SecretChatNotices {

    private final ConnectorStore store;
    private final String loginId;
    private final RemoteEventSink sink;

    SecretChatNotices(ConnectorStore store, String loginId, RemoteEventSink sink) {
        this.store = store;
        this.loginId = loginId;
        this.sink = sink;
    }

    synchronized void seen(long chatId, String partner) {
        String name = "secret-chat-noticed:" + chatId;
        if (store.get(loginId, name).isPresent()) {
            return;
        }
        store.update(loginId, java.util.Map.of(name, Optional.of(new byte[] {1})));
        String who = partner.isBlank() ? "someone" : partner;
        sink.emit(new RemoteEvent.UserNotice("A secret chat with " + who + " was opened on Telegram. Secret chats"
                + " are end-to-end encrypted on your phone and cannot be bridged; open it on your phone.",
                Instant.now()));
    }
}

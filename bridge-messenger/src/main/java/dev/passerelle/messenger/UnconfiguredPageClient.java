package dev.passerelle.messenger;

import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.core.spi.UserInfo;
import java.time.Instant;
import java.util.Optional;

/** The login of a Page that is no longer in the config: it says so and sends nothing. */
final class UnconfiguredPageClient implements NetworkClient {

    private final String pageId;
    private final RemoteEventSink sink;

    UnconfiguredPageClient(String pageId, RemoteEventSink sink) {
        this.pageId = pageId;
        this.sink = sink;
    }

    private String why() {
        return "The Page " + pageId + " is no longer under networks.messenger.pages in the bridge's config; a bridge "
                + "admin must add it back (or log out of it).";
    }

    @Override
    public void connect() {
        sink.emit(new RemoteEvent.LoginStateChanged(LoginState.UNKNOWN_ERROR, why(), Instant.now()));
    }

    @Override
    public void disconnect() {
    }

    @Override
    public boolean isLoggedIn() {
        return true;
    }

    @Override
    public void logout() {
    }

    @Override
    public SentMessage sendMessage(OutgoingMessage message) throws NetworkException {
        throw new NetworkException(why(), false);
    }

    @Override
    public ChatInfo chatInfo(String chatId) throws NetworkException {
        throw new NetworkException(why(), false);
    }

    @Override
    public UserInfo userInfo(String remoteUserId) {
        return new UserInfo(Optional.empty(), Optional.empty(), false);
    }
}

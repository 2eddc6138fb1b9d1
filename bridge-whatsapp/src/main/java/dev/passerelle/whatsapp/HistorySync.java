package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.NetworkClient.HistoryPoint;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history WhatsApp's phone sends after linking ({@code history} events), for one login. It is kept
 * ({@link ChatHistory}) instead of bridged as it comes, so that it becomes backfill: each chat in it is then named to
 * the engine with a {@link RemoteEvent.ChatInfoChanged}, which creates a missing portal (whose backfill reads the kept
 * messages, oldest first, with their original times) and leaves an existing one as it is; and a repeated
 * {@code CONNECTED} state lets the engine catch the login's existing portals up on what was kept after their last
 * bridged message. Nothing is sent twice: the engine keys messages by their WhatsApp ids.
 */
final class HistorySync {

    private static final Logger LOG = LoggerFactory.getLogger(HistorySync.class);

    /** What the sync needs of its client. */
    interface Client {
        ChatInfo chatInfo(String chatId) throws NetworkException;

        LoginState state();
    }

    private final String loginId;
    private final ChatHistory history;
    private final RemoteEventHandler handler;
    private final RemoteEventSink sink;
    private final Client client;
    // Chunks of a sync are announced one after the other, in the order they came.
    private final ReentrantLock announcing = new ReentrantLock();

    HistorySync(String loginId, ChatHistory history, RemoteEventHandler handler, RemoteEventSink sink, Client client) {
        this.loginId = loginId;
        this.history = history;
        this.handler = handler;
        this.sink = sink;
        this.client = client;
    }

    /**
     * A {@code history} event: its messages are kept at once (on the reader thread, so that a live message that
     * follows finds them), the engine is told on a thread of its own (group facts need a sidecar request).
     */
    void arrived(JsonNode d) {
        Map<PortalRef, List<JsonNode>> byChat = new LinkedHashMap<>();
        for (JsonNode m : d.path("messages")) {
            // Converting also learns the sender's name; the message itself is converted again when fetched.
            if (handler.message(m).isPresent()) {
                byChat.computeIfAbsent(handler.portal(m), p -> new ArrayList<>()).add(m);
            }
        }
        for (var chat : byChat.entrySet()) {
            try {
                history.keep(loginId, chat.getKey().chatId(), chat.getValue());
            } catch (RuntimeException e) {
                LOG.error("Could not keep {} history messages of WhatsApp chat {} for login {}; they will not be "
                        + "backfilled: {}", chat.getValue().size(), chat.getKey().chatId(), loginId, e.toString(), e);
            }
        }
        if (!byChat.isEmpty()) {
            LOG.info("WhatsApp history sync for login {}: {} messages in {} chats kept for backfill", loginId,
                    byChat.values().stream().mapToInt(List::size).sum(), byChat.size());
            Thread.ofVirtual().name("whatsapp-history-" + loginId).start(() -> announce(byChat.keySet()));
        }
    }

    private void announce(Iterable<PortalRef> chats) {
        announcing.lock();
        try {
            if (client.state() == LoginState.CONNECTED) {
                sink.emit(new RemoteEvent.LoginStateChanged(LoginState.CONNECTED, "Connected to WhatsApp; the "
                        + "history your phone sent is being bridged.", Instant.now()));
            }
            for (PortalRef chat : chats) {
                try {
                    sink.emit(new RemoteEvent.ChatInfoChanged(chat, client.chatInfo(chat.chatId()), Instant.now()));
                } catch (NetworkException e) {
                    LOG.warn("Could not read WhatsApp chat {} of login {} for its history ({}); its room is created "
                            + "with its next message", chat.chatId(), loginId, e.getMessage());
                }
            }
        } finally {
            announcing.unlock();
        }
    }

    /** {@link dev.passerelle.core.spi.NetworkClient.HistoryFetching#fetchMessages} from the kept history. */
    List<RemoteEvent.Message> fetch(String chatId, Optional<HistoryPoint> after, int limit) {
        List<RemoteEvent.Message> out = new ArrayList<>();
        for (JsonNode m : history.fetch(loginId, chatId, after, limit)) {
            handler.message(m).ifPresent(out::add);
        }
        return out;
    }
}

package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.spi.NetworkClient.HistoryPoint;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history WhatsApp's phone sends after linking ({@code history} events), for one login. It is kept
 * ({@link ChatHistory}) instead of bridged as it comes, so that it becomes backfill. Then, per chat in it:
 * <ul>
 *   <li>a chat that already reached the engine through this login ({@link BridgedPoints}) gets the kept messages
 *   newer than its last bridged one, as ordinary messages, on the reader thread (so before any live message that
 *   follows); older ones are not appended out of order;</li>
 *   <li>the other chats, within {@link HistorySyncBounds} (the most recently active first), are named to the engine
 *   with a {@link RemoteEvent.ChatInfoChanged}, which creates the portal, whose backfill reads the kept messages with
 *   their original times. The rest keep their history and get their room, backfilled, with their next message.</li>
 * </ul>
 * Nothing is bridged twice: the engine keys messages by their WhatsApp ids.
 */
final class HistorySync {

    private static final Logger LOG = LoggerFactory.getLogger(HistorySync.class);
    /** Chats that got a room from a sync, one value each: they count against {@code max_initial_chats}. */
    private static final String ANNOUNCED = "announced/";

    /** What the sync needs of its client. */
    interface Client {
        ChatInfo chatInfo(String chatId) throws NetworkException;
    }

    private record Chat(PortalRef portal, Instant latest) {
    }

    private final String loginId;
    private final ChatHistory history;
    private final BridgedPoints points;
    private final HistorySyncBounds bounds;
    private final ConnectorStore store;
    private final RemoteEventHandler handler;
    private final RemoteEventSink sink;
    private final Client client;
    // Chunks of a sync are announced one after the other, in the order they came.
    private final ReentrantLock announcing = new ReentrantLock();

    HistorySync(String loginId, WhatsAppServices services, BridgedPoints points, RemoteEventHandler handler,
                RemoteEventSink sink, Client client) {
        this.loginId = loginId;
        this.history = services.history();
        this.bounds = services.config().historySync();
        this.store = services.store();
        this.points = points;
        this.handler = handler;
        this.sink = sink;
        this.client = client;
    }

    /**
     * A {@code history} event: its messages are kept and the chats that reached the engine caught up at once (on the
     * reader thread, so that a live message that follows comes after them); new rooms are asked for on a thread of
     * its own (group facts need a sidecar request).
     */
    void arrived(JsonNode d) {
        Map<PortalRef, List<JsonNode>> byChat = new LinkedHashMap<>();
        for (JsonNode m : d.path("messages")) {
            // Converting also learns the sender's name; the message itself is converted again when fetched.
            if (handler.message(m).isPresent()) {
                byChat.computeIfAbsent(handler.portal(m), p -> new ArrayList<>()).add(m);
            }
        }
        if (byChat.isEmpty()) {
            return;
        }
        List<Chat> fresh = new ArrayList<>();
        int caughtUp = 0;
        for (var chat : byChat.entrySet()) {
            PortalRef portal = chat.getKey();
            try {
                history.keep(loginId, portal.chatId(), chat.getValue());
            } catch (RuntimeException e) {
                LOG.error("Could not keep {} history messages of WhatsApp chat {} for login {}; they will not be "
                        + "backfilled: {}", chat.getValue().size(), portal.chatId(), loginId, e.toString(), e);
                continue;
            }
            Optional<HistoryPoint> point = points.of(portal.chatId());
            if (point.isPresent()) {
                caughtUp += catchUp(portal, point.get());
            } else {
                Instant latest = chat.getValue().stream().map(m -> Instant.ofEpochMilli(m.path("timestamp").asLong()))
                        .max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
                fresh.add(new Chat(portal, latest));
            }
        }
        LOG.info("WhatsApp history sync for login {}: {} messages in {} chats kept for backfill, {} messages "
                        + "caught up in chats already bridged", loginId,
                byChat.values().stream().mapToInt(List::size).sum(), byChat.size(), caughtUp);
        List<PortalRef> rooms = chooseRooms(fresh);
        if (!rooms.isEmpty()) {
            Thread.ofVirtual().name("whatsapp-history-" + loginId).start(() -> announce(rooms));
        }
    }

    // The kept messages after the chat's last bridged one, as the live messages they would have been.
    private int catchUp(PortalRef portal, HistoryPoint after) {
        int n = 0;
        for (RemoteEvent.Message m : fetch(portal.chatId(), Optional.of(after), ChatHistory.PER_CHAT)) {
            sink.emit(m);
            n++;
        }
        return n;
    }

    /** The chats that get a room now: not announced before, recent enough, the most recent first, within bounds. */
    private List<PortalRef> chooseRooms(List<Chat> fresh) {
        if (fresh.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        int announced;
        List<Chat> candidates = new ArrayList<>();
        try {
            Map<String, byte[]> before = store.listByPrefix(loginId, ANNOUNCED);
            announced = before.size();
            for (Chat c : fresh) {
                if (!before.containsKey(ANNOUNCED + c.portal().chatId()) && bounds.recentEnough(c.latest(), now)) {
                    candidates.add(c);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Could not read which WhatsApp chats of login {} got a room from the history sync ({}); the "
                    + "{} chats of this part of it get theirs with their next message", loginId, e.toString(),
                    fresh.size(), e);
            return List.of();
        }
        candidates.sort(Comparator.comparing(Chat::latest).reversed());
        int room = bounds.maxInitialChats().map(max -> Math.max(0, max - announced)).orElse(Integer.MAX_VALUE);
        List<Chat> chosen = candidates.subList(0, Math.min(room, candidates.size()));
        Map<String, Optional<byte[]>> mark = new HashMap<>();
        chosen.forEach(c -> mark.put(ANNOUNCED + c.portal().chatId(), Optional.of(new byte[] {1})));
        try {
            if (!mark.isEmpty()) {
                store.update(loginId, mark);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not note which WhatsApp chats of login {} got a room from the history sync: {}", loginId,
                    e.toString());
        }
        int later = fresh.size() - chosen.size();
        if (later > 0) {
            LOG.info("WhatsApp history sync for login {}: {} chats get a room now; {} others (beyond "
                    + "history_sync.max_initial_chats={} or older than max_age_days) keep their history and get "
                    + "their room with their next message", loginId, chosen.size(), later,
                    bounds.maxInitialChats().map(String::valueOf).orElse("-1"));
        }
        return chosen.stream().map(Chat::portal).toList();
    }

    private void announce(List<PortalRef> chats) {
        announcing.lock();
        try {
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

    /**
     * {@link dev.passerelle.core.spi.NetworkClient.HistoryFetching#fetchMessages} from the kept history; what it
     * returns goes to the engine, so it moves the chat's bridged point.
     */
    List<RemoteEvent.Message> fetch(String chatId, Optional<HistoryPoint> after, int limit) {
        List<RemoteEvent.Message> out = new ArrayList<>();
        for (JsonNode m : history.fetch(loginId, chatId, after, limit)) {
            handler.message(m).ifPresent(out::add);
        }
        out.forEach(m -> points.reached(chatId, m.messageId(), m.timestamp()));
        return out;
    }
}

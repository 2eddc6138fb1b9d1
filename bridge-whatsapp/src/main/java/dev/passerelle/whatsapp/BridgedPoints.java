package dev.passerelle.whatsapp;

import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.spi.NetworkClient.HistoryPoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest message of each chat that this login handed to the engine (live, from backfill, or sent from Matrix):
 * where a later history sync resumes, so that a chat whose room exists gets what it missed as ordinary messages
 * without anything older appended out of order. A chat without a point has never reached the engine through this
 * login, so its room (if it needs one) is created with a backfill instead. Kept in the connector store
 * ({@code bridged/<chat>}, {@code <epoch ms>/<message id>}), written behind by {@link #flush()} with the message
 * keys, so a restart remembers it. Thread-safe.
 */
final class BridgedPoints {

    private static final Logger LOG = LoggerFactory.getLogger(BridgedPoints.class);
    private static final String PREFIX = "bridged/";

    private final ConnectorStore store;
    private final String loginId;
    /** Chats read from the store or moved since the start; an empty value: read, and none stored. */
    private final Map<String, Optional<HistoryPoint>> points = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private boolean forgotten;

    BridgedPoints(ConnectorStore store, String loginId) {
        this.store = store;
        this.loginId = loginId;
    }

    /** The chat's newest message handed to the engine, if one was. */
    synchronized Optional<HistoryPoint> of(String chatId) {
        return points.computeIfAbsent(chatId, this::read);
    }

    /** {@code messageId} at {@code time} reached the engine; the point moves only forward. */
    synchronized void reached(String chatId, String messageId, Instant time) {
        Optional<HistoryPoint> now = of(chatId);
        if (now.isEmpty() || time.isAfter(now.get().time())) {
            points.put(chatId, Optional.of(new HistoryPoint(messageId, time)));
            dirty.add(chatId);
        }
    }

    /**
     * The login logged out and its store is deleted: nothing kept in memory is written back after that (a write
     * behind would otherwise bring part of a forgotten login back).
     */
    synchronized void forget() {
        points.clear();
        dirty.clear();
        forgotten = true;
    }

    /** Writes the points moved since the last flush, in one transaction. */
    void flush() {
        Map<String, Optional<byte[]>> changes = new HashMap<>();
        synchronized (this) {
            if (forgotten) {
                return;
            }
            for (String chatId : dirty) {
                points.get(chatId).ifPresent(p -> changes.put(PREFIX + chatId, Optional.of(
                        (p.time().toEpochMilli() + "/" + p.messageId()).getBytes(StandardCharsets.UTF_8))));
            }
            dirty.clear();
        }
        if (!changes.isEmpty()) {
            try {
                store.update(loginId, changes);
            } catch (RuntimeException e) {
                LOG.warn("Could not keep how far {} WhatsApp chats of login {} were bridged ({}); after a restart, a "
                        + "history sync may leave them without what they missed", changes.size(), loginId,
                        e.toString());
            }
        }
    }

    private Optional<HistoryPoint> read(String chatId) {
        try {
            return store.get(loginId, PREFIX + chatId).map(b -> {
                String[] parts = new String(b, StandardCharsets.UTF_8).split("/", 2);
                return new HistoryPoint(parts[1], Instant.ofEpochMilli(Long.parseLong(parts[0])));
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not read how far WhatsApp chat {} of login {} was bridged: {}", chatId, loginId,
                    e.toString());
            return Optional.empty();
        }
    }
}

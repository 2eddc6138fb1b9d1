package dev.passerelle.whatsapp;

import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.spi.NetworkClient.HistoryPoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The newest message of each chat that this login handed to the engine (live, from backfill, or sent from Matrix):
 * where a later history sync resumes, so that a chat whose room exists gets what it missed as ordinary messages
 * without anything older appended out of order. A chat without a point has never reached the engine through this
 * login, so its room (if it needs one) is created with a backfill instead. Kept in the connector store
 * ({@code bridged/<chat>}, {@code <epoch ms>/<message id>}), written behind with the message keys
 * ({@link ChatWriteBehind}), so a restart remembers it. Thread-safe.
 */
final class BridgedPoints extends ChatWriteBehind<Optional<HistoryPoint>> {

    BridgedPoints(ConnectorStore store, String loginId) {
        super(store, loginId, "bridged/", "how far it was bridged",
                "a history sync may leave those chats without what they missed");
    }

    /** The chat's newest message handed to the engine, if one was. */
    synchronized Optional<HistoryPoint> of(String chatId) {
        return chat(chatId);
    }

    /** {@code messageId} at {@code time} reached the engine; the point moves only forward. */
    synchronized void reached(String chatId, String messageId, Instant time) {
        Optional<HistoryPoint> now = chat(chatId);
        if (now.isEmpty() || time.isAfter(now.get().time())) {
            set(chatId, Optional.of(new HistoryPoint(messageId, time)));
        }
    }

    // Stored as "<epoch ms>/<message id>".
    @Override
    Optional<HistoryPoint> decode(Optional<byte[]> stored) {
        return stored.map(b -> {
            String[] parts = new String(b, StandardCharsets.UTF_8).split("/", 2);
            return new HistoryPoint(parts[1], Instant.ofEpochMilli(Long.parseLong(parts[0])));
        });
    }

    @Override
    Optional<byte[]> encode(Optional<HistoryPoint> point) {
        return point.map(p -> (p.time().toEpochMilli() + "/" + p.messageId()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    Optional<HistoryPoint> unreadable() {
        return Optional.empty();
    }
}

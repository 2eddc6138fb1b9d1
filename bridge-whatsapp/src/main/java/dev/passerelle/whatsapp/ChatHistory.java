package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.spi.NetworkClient.HistoryPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The messages WhatsApp's history sync delivered (the phone sends them once, after linking): kept per login and chat
 * in the connector store, so that a portal created later is backfilled from them and a portal that exists catches
 * up on them. WhatsApp Web cannot ask the phone for a chat's history on demand, so this is the only history there
 * is. Bounded to the latest {@link #PER_CHAT} messages of each chat; a message is one value
 * ({@code history/<chat>/<time>-<id>}), so that names sort by time and one chat is one prefix.
 */
final class ChatHistory {

    /** Messages kept per chat: more than a portal backfills (50 by default), few enough to stay small. */
    static final int PER_CHAT = 300;
    private static final String PREFIX = "history/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorStore store;

    ChatHistory(ConnectorStore store) {
        this.store = store;
    }

    /** Keeps {@code messages} (sidecar {@code message} data) of one chat, dropping the oldest beyond the bound. */
    void keep(String loginId, String chatId, List<JsonNode> messages) {
        Map<String, Optional<byte[]>> changes = new HashMap<>();
        for (JsonNode m : messages) {
            try {
                changes.put(name(chatId, m), Optional.of(JSON.writeValueAsBytes(m)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        TreeMap<String, Boolean> all = new TreeMap<>();
        store.listByPrefix(loginId, prefix(chatId)).keySet().forEach(n -> all.put(n, true));
        changes.keySet().forEach(n -> all.put(n, true));
        int excess = all.size() - PER_CHAT;
        for (String name : all.keySet()) {
            if (excess-- <= 0) {
                break;
            }
            changes.put(name, Optional.empty());
        }
        store.update(loginId, changes);
    }

    /**
     * The kept messages of a chat, oldest first: those after {@code after} (by id when it is kept, else by time),
     * at most {@code limit} from there; without {@code after}, the latest {@code limit}.
     */
    List<JsonNode> fetch(String loginId, String chatId, Optional<HistoryPoint> after, int limit) {
        List<JsonNode> all = new ArrayList<>();
        for (byte[] value : new TreeMap<>(store.listByPrefix(loginId, prefix(chatId))).values()) {
            try {
                all.add(JSON.readTree(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (after.isEmpty()) {
            return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
        }
        String id = after.get().messageId();
        long time = after.get().time().toEpochMilli();
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).path("id").asText().equals(id)) {
                from = i + 1;
                break;
            }
            if (all.get(i).path("timestamp").asLong() <= time) {
                from = i + 1;
            }
        }
        return List.copyOf(all.subList(from, Math.min(all.size(), from + limit)));
    }

    private static String prefix(String chatId) {
        return PREFIX + chatId + "/";
    }

    private static String name(String chatId, JsonNode m) {
        return prefix(chatId) + String.format("%015d", Math.max(0, m.path("timestamp").asLong())) + "-"
                + m.path("id").asText();
    }
}

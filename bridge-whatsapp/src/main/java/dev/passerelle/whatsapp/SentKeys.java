package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.ConnectorStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sent recent messages, by chat and id. WhatsApp addresses a message by (chat, id, from me, sender in a group);
 * the engine names a message by chat and id only, so reactions, deletions, receipts and votes look the rest up here.
 * This must survive a restart (deleting one's own message, or reacting to someone's in a group, after a restart
 * would otherwise go to the wrong message), so each chat's latest {@link #PER_CHAT} keys are also kept in the
 * connector store ({@code keys/<chat>}), written behind in batches by {@link #flush()} (one transaction for many
 * messages, instead of one per message). Unknown messages fall back to "not from me, no participant", which is right
 * for others' messages in DMs. Thread-safe.
 */
final class SentKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SentKeys.class);
    static final int PER_CHAT = 500;
    private static final String PREFIX = "keys/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What WhatsApp needs besides chat and id. */
    record Key(boolean fromMe, Optional<String> participant) {
    }

    private final ConnectorStore store;
    private final String loginId;
    /** Per chat, its keys by message id, oldest first; chats read from the store or written since the start. */
    private final Map<String, LinkedHashMap<String, Key>> chats = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private boolean forgotten;

    SentKeys(ConnectorStore store, String loginId) {
        this.store = store;
        this.loginId = loginId;
    }

    synchronized void remember(String chatId, String messageId, boolean fromMe, Optional<String> participant) {
        LinkedHashMap<String, Key> keys = chat(chatId);
        keys.put(messageId, new Key(fromMe, participant));
        trim(keys);
        dirty.add(chatId);
    }

    synchronized Key of(String chatId, String messageId) {
        return chat(chatId).getOrDefault(messageId, new Key(false, Optional.empty()));
    }

    /**
     * The login logged out and its store is deleted: nothing kept in memory is written back after that (a write
     * behind would otherwise bring part of a forgotten login back).
     */
    synchronized void forget() {
        chats.clear();
        dirty.clear();
        forgotten = true;
    }

    /** Writes the chats changed since the last flush, in one transaction. */
    void flush() {
        Map<String, Optional<byte[]>> changes = new HashMap<>();
        synchronized (this) {
            if (forgotten) {
                return;
            }
            for (String chatId : dirty) {
                ObjectNode out = JSON.createObjectNode();
                chats.get(chatId).forEach((id, k) -> {
                    ObjectNode v = out.putObject(id).put("m", k.fromMe());
                    k.participant().ifPresent(p -> v.put("p", p));
                });
                changes.put(PREFIX + chatId, Optional.of(out.toString().getBytes(StandardCharsets.UTF_8)));
            }
            dirty.clear();
        }
        if (!changes.isEmpty()) {
            try {
                store.update(loginId, changes);
            } catch (RuntimeException e) {
                LOG.warn("Could not keep the senders of recent WhatsApp messages of login {} ({}); after a restart, "
                        + "reactions and deletions of those messages may not reach WhatsApp", loginId, e.toString());
            }
        }
    }

    // The chat's keys, read from the store the first time it is asked for.
    private LinkedHashMap<String, Key> chat(String chatId) {
        return chats.computeIfAbsent(chatId, c -> {
            LinkedHashMap<String, Key> keys = new LinkedHashMap<>();
            try {
                Optional<byte[]> stored = store.get(loginId, PREFIX + c);
                if (stored.isPresent()) {
                    JsonNode all = JSON.readTree(stored.get());
                    all.properties().forEach(e -> keys.put(e.getKey(), new Key(e.getValue().path("m").asBoolean(),
                            Optional.of(e.getValue().path("p").asText("")).filter(p -> !p.isEmpty()))));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not read the senders of recent messages in WhatsApp chat {} of login {}: {}", c,
                        loginId, e.toString());
            }
            return keys;
        });
    }

    private static void trim(LinkedHashMap<String, Key> keys) {
        Iterator<String> oldest = keys.keySet().iterator();
        while (keys.size() > PER_CHAT && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}

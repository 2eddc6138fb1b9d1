package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.ConnectorStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Who sent recent messages, by chat and id. WhatsApp addresses a message by (chat, id, from me, sender in a group);
 * the engine names a message by chat and id only, so reactions, deletions, receipts and votes look the rest up here.
 * This must survive a restart (deleting one's own message, or reacting to someone's in a group, after a restart
 * would otherwise go to the wrong message), so each chat's latest {@link #PER_CHAT} keys are also kept in the
 * connector store ({@code keys/<chat>}), written behind in batches ({@link ChatWriteBehind}). Unknown messages fall back to "not from me, no participant", which is right
 * for others' messages in DMs. Thread-safe.
 */
final class SentKeys extends ChatWriteBehind<LinkedHashMap<String, SentKeys.Key>> {

    static final int PER_CHAT = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What WhatsApp needs besides chat and id. */
    record Key(boolean fromMe, Optional<String> participant) {
    }

    SentKeys(ConnectorStore store, String loginId) {
        super(store, loginId, "keys/", "the senders of recent messages",
                "reactions and deletions of those messages may not reach WhatsApp");
    }

    synchronized void remember(String chatId, String messageId, boolean fromMe, Optional<String> participant) {
        LinkedHashMap<String, Key> keys = chat(chatId);
        keys.put(messageId, new Key(fromMe, participant));
        trim(keys);
        changed(chatId);
    }

    synchronized Key of(String chatId, String messageId) {
        return chat(chatId).getOrDefault(messageId, new Key(false, Optional.empty()));
    }

    // Stored as {"<message id>": {"m": from me, "p": participant}, ...}, oldest first.
    @Override
    LinkedHashMap<String, Key> decode(Optional<byte[]> stored) throws IOException {
        LinkedHashMap<String, Key> keys = new LinkedHashMap<>();
        if (stored.isPresent()) {
            JsonNode all = JSON.readTree(stored.get());
            all.properties().forEach(e -> keys.put(e.getKey(), new Key(e.getValue().path("m").asBoolean(),
                    Optional.of(e.getValue().path("p").asText("")).filter(p -> !p.isEmpty()))));
        }
        return keys;
    }

    @Override
    Optional<byte[]> encode(LinkedHashMap<String, Key> keys) {
        ObjectNode out = JSON.createObjectNode();
        keys.forEach((id, k) -> {
            ObjectNode v = out.putObject(id).put("m", k.fromMe());
            k.participant().ifPresent(p -> v.put("p", p));
        });
        return Optional.of(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    LinkedHashMap<String, Key> unreadable() {
        return new LinkedHashMap<>();
    }

    private static void trim(LinkedHashMap<String, Key> keys) {
        Iterator<String> oldest = keys.keySet().iterator();
        while (keys.size() > PER_CHAT && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}

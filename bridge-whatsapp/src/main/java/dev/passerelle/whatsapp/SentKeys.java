package dev.passerelle.whatsapp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who sent recent messages, by chat and id. WhatsApp addresses a message by (chat, id, from me, sender in a group);
 * the engine names a message by chat and id only, so edits, reactions, deletions and receipts look the rest up
 * here. Bounded (the latest 20,000 messages); older messages fall back to "not from me, no participant", which is
 * right for DMs. Thread-safe.
 */
final class SentKeys {

    private static final int CAPACITY = 20_000;

    /** What WhatsApp needs besides chat and id. */
    record Key(boolean fromMe, Optional<String> participant) {
    }

    private final Map<String, Key> keys = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Key> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void remember(String chatId, String messageId, boolean fromMe, Optional<String> participant) {
        keys.put(chatId + "\n" + messageId, new Key(fromMe, participant));
    }

    synchronized Key of(String chatId, String messageId) {
        return keys.getOrDefault(chatId + "\n" + messageId, new Key(false, Optional.empty()));
    }
}

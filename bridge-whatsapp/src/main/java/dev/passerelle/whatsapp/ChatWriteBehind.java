package dev.passerelle.whatsapp;

import dev.passerelle.core.spi.ConnectorStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value per chat that a login keeps in memory and in the connector store ({@code <prefix><chat>}): read from the
 * store the first time a chat is asked for, and written behind by {@link #flush()} in one transaction for all the
 * chats changed since (one per message would cost a commit each). After {@link #forget()} (the login logged out
 * and its store is deleted) nothing is written back, which would otherwise bring part of a forgotten login back.
 * Subclasses make their methods {@code synchronized} and call {@link #chat} and {@link #changed} inside them.
 */
abstract class ChatWriteBehind<V> {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ConnectorStore store;
    private final String loginId;
    private final String prefix;
    private final String what;
    private final String lossIfUnwritten;
    /** Chats read from the store or changed since the start. */
    private final Map<String, V> byChat = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private boolean forgotten;

    /**
     * @param what            what is kept, for the log ("the senders of recent messages")
     * @param lossIfUnwritten what a user loses when a flush fails, for the log
     */
    ChatWriteBehind(ConnectorStore store, String loginId, String prefix, String what, String lossIfUnwritten) {
        this.store = store;
        this.loginId = loginId;
        this.prefix = prefix;
        this.what = what;
        this.lossIfUnwritten = lossIfUnwritten;
    }

    /** The chat's value as stored, or {@code absent} when nothing is stored; may throw on a damaged value. */
    abstract V decode(Optional<byte[]> stored) throws IOException;

    /** What to store for the value; empty stores nothing. */
    abstract Optional<byte[]> encode(V value);

    /** The value of a chat whose stored value cannot be read. */
    abstract V unreadable();

    /** The chat's value, read from the store the first time. Call holding the lock. */
    final V chat(String chatId) {
        return byChat.computeIfAbsent(chatId, this::read);
    }

    /** The chat's value is now {@code value}, to be written at the next flush. Call holding the lock. */
    final void set(String chatId, V value) {
        byChat.put(chatId, value);
        dirty.add(chatId);
    }

    /** The chat's value was changed in place, to be written at the next flush. Call holding the lock. */
    final void changed(String chatId) {
        dirty.add(chatId);
    }

    /** The login logged out: forget everything, and write nothing back from now on. */
    synchronized void forget() {
        byChat.clear();
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
                encode(byChat.get(chatId)).ifPresent(bytes -> changes.put(prefix + chatId, Optional.of(bytes)));
            }
            dirty.clear();
        }
        if (!changes.isEmpty()) {
            try {
                store.update(loginId, changes);
            } catch (RuntimeException e) {
                log.warn("Could not keep {} of {} WhatsApp chats of login {} ({}); after a restart, {}", what,
                        changes.size(), loginId, e.toString(), lossIfUnwritten);
            }
        }
    }

    private V read(String chatId) {
        try {
            return decode(store.get(loginId, prefix + chatId));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read {} of WhatsApp chat {} of login {}: {}", what, chatId, loginId, e.toString());
            return unreadable();
        }
    }
}

package dev.passerelle.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.passerelle.core.spi.MemoryConnectorStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SentKeysTest {

    private static final String GROUP = "120363000000000001@g.us";
    private static final String BOB = "33600000002@s.whatsapp.net";

    @Test
    void theSendersOfRecentMessagesSurviveARestartOnceFlushed() {
        var store = new MemoryConnectorStore();
        var keys = new SentKeys(store, "alice");
        keys.remember(GROUP, "G1", false, Optional.of(BOB));
        keys.remember("33600000002", "D1", true, Optional.empty());
        keys.flush();
        keys.remember(GROUP, "G2", false, Optional.of(BOB));

        var afterRestart = new SentKeys(store, "alice");
        assertEquals(new SentKeys.Key(false, Optional.of(BOB)), afterRestart.of(GROUP, "G1"));
        assertEquals(new SentKeys.Key(true, Optional.empty()), afterRestart.of("33600000002", "D1"));
        assertEquals(new SentKeys.Key(false, Optional.empty()), afterRestart.of(GROUP, "G2"), "not flushed yet");
        assertEquals(new SentKeys.Key(false, Optional.empty()), new SentKeys(store, "bob").of(GROUP, "G1"),
                "one login's keys only");
    }

    @Test
    void eachChatKeepsItsLatestKeysOnly() {
        var store = new MemoryConnectorStore();
        var keys = new SentKeys(store, "alice");
        for (int i = 0; i < SentKeys.PER_CHAT + 10; i++) {
            keys.remember(GROUP, "M" + i, true, Optional.empty());
        }
        keys.flush();
        var afterRestart = new SentKeys(store, "alice");
        assertEquals(false, afterRestart.of(GROUP, "M0").fromMe(), "the oldest are forgotten");
        assertEquals(true, afterRestart.of(GROUP, "M" + (SentKeys.PER_CHAT + 9)).fromMe());
    }

    @Test
    void afterALogoutNothingKeptInMemoryIsWrittenBack() {
        var store = new MemoryConnectorStore();
        var keys = new SentKeys(store, "alice");
        var points = new BridgedPoints(store, "alice");
        keys.remember(GROUP, "G1", false, Optional.of(BOB));
        points.reached(GROUP, "G1", java.time.Instant.ofEpochSecond(1));
        // Logout: the in-memory state is forgotten, the store deleted; a write behind after that writes nothing.
        keys.forget();
        points.forget();
        store.deleteLogin("alice");
        keys.flush();
        points.flush();
        assertEquals(java.util.Map.of(), store.listByPrefix("alice", ""), "the logged-out login left nothing");
        assertEquals(Optional.empty(), new BridgedPoints(store, "alice").of(GROUP));
    }
}

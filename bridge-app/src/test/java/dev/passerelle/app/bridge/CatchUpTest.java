package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.testnet.TestLogin;
import dev.passerelle.testnet.TestNetwork;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Catch-up and backfill through the real bridge, the test network and a fake homeserver: what arrived on the network
 * while the bridge was away (stopped, or disconnected) appears in the portal once it is back, in order, once each,
 * with the original timestamps; a new portal shows the chat's earlier messages before the one that created it.
 */
class CatchUpTest extends AliceEngineTest {

    @Test
    void messagesThatArrivedWhileTheBridgeWasStoppedAppearAfterTheRestart() {
        TestLogin alice = TestNetwork.login("alice");
        alice.message("bob", "bob", "before");
        bed.awaitMessage("bob", "before");

        bed.stopBridge();
        until("the client to stop", () -> !TestNetwork.login("alice").isConnected(), () -> "");
        alice.messageWhileAway("bob", "bob", "away 1");
        alice.messageWhileAway("bob", "alice", "away 2");
        alice.messageWhileAway("bob", "bob", "away 3");
        bed.start();

        bed.awaitMessage("bob", "away 3");
        settled("bob", "after");
        assertRoomIsHistory("bob", List.of("before", "away 1", "away 2", "away 3", "after"));
    }

    @Test
    void messagesThatArrivedDuringADisconnectAppearAfterTheReconnect() {
        TestLogin alice = TestNetwork.login("alice");
        alice.message("bob", "bob", "before");
        bed.awaitMessage("bob", "before");

        alice.disconnectFor(Duration.ofSeconds(1));
        alice.messageWhileAway("bob", "bob", "lost 1");
        alice.messageWhileAway("bob", "bob", "lost 2");
        // Catch-up is what must bring them: they were stored while the client was off, never delivered.
        assertFalse(alice.isConnected(), "the outage ended before the messages were stored; lengthen it");

        bed.awaitMessage("bob", "lost 2");
        settled("bob", "after");
        assertRoomIsHistory("bob", List.of("before", "lost 1", "lost 2", "after"));
    }

    @Test
    void aNewPortalShowsTheChatsEarlierMessagesBeforeTheOneThatCreatedIt() {
        TestLogin alice = TestNetwork.login("alice");
        alice.messageWhileAway("carol", "carol", "early 1");
        alice.messageWhileAway("carol", "alice", "early 2");
        alice.messageWhileAway("carol", "carol", "early 3");
        alice.message("carol", "carol", "new");

        bed.awaitMessage("carol", "new");
        settled("carol", "after");
        assertRoomIsHistory("carol", List.of("early 1", "early 2", "early 3", "new", "after"));
        assertEquals(1, bed.portalRooms("carol"));
    }

    @Test
    void aRestartInTheMiddleOfABusyChatLosesAndDoublesNothing() throws Exception {
        TestLogin alice = TestNetwork.login("alice");
        alice.message("bob", "bob", "start");
        bed.awaitMessage("bob", "start");
        String room = bed.portalRoom("bob").orElseThrow();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread stream = Thread.ofVirtual().name("busy chat").start(() -> {
            while (running.get()) {
                send("busy " + sent.get());
                sent.incrementAndGet();
                // Paces the stream (a message about every 3 ms); nothing waits on it.
                LockSupport.parkNanos(Duration.ofMillis(3).toNanos());
            }
        });
        try {
            until("a few live messages", () -> bridged(room) >= 20, () -> "bridged " + bridged(room));
            bed.stopBridge();
            int atStop = sent.get();
            until("messages while the bridge is down", () -> sent.get() >= atStop + 30, () -> "sent " + sent.get());
            bed.start();
            int atStart = sent.get();
            until("live messages after the restart", () -> sent.get() >= atStart + 30
                    && TestNetwork.login("alice").isConnected(), () -> "sent " + sent.get());
        } finally {
            running.set(false);
            stream.join();
        }
        String last = "busy " + (sent.get() - 1);
        bed.awaitMessage("bob", last);
        settled("bob", "after");

        List<String> expected = TestNetwork.history("alice", "bob").stream()
                .map(m -> TestNetwork.textOf(m).orElseThrow()).toList();
        assertTrue(expected.size() > 80, "the stream was too short to test anything: " + expected.size());
        assertRoomIsHistory("bob", expected);
    }

    /** Sends one message from bob: delivered when alice's client is connected, else only stored in the history. */
    private static void send(String text) {
        TestLogin alice = TestNetwork.login("alice");
        if (alice.isConnected()) {
            try {
                alice.message("bob", "bob", text);
                return;
            } catch (IllegalStateException disconnectedMeanwhile) {
                // Stored but not delivered when the client went away between the check and the send.
                if (TestNetwork.history("alice", "bob").stream()
                        .anyMatch(m -> TestNetwork.textOf(m).orElse("").equals(text))) {
                    return;
                }
            }
        }
        alice.messageWhileAway("bob", "bob", text);
    }

    /**
     * Sends one more live message and waits for it: the portal's queue is ordered, so a message bridged twice by
     * catch-up would be in the room before it.
     */
    private void settled(String chatId, String marker) {
        TestNetwork.login("alice").message(chatId, chatId, marker);
        bed.awaitMessage(chatId, marker);
    }

    private long bridged(String room) {
        return bed.events(room, "m.room.message").size();
    }

    /** The room's messages are the chat's history exactly: same texts, same order, same timestamps, none twice. */
    private void assertRoomIsHistory(String chatId, List<String> expected) {
        String room = bed.portalRoom(chatId).orElseThrow();
        List<RemoteEvent.Message> history = TestNetwork.history("alice", chatId);
        List<ObjectNode> events = bed.events(room, "m.room.message");
        List<String> bodies = events.stream().map(e -> e.path("content").path("body").asText()).toList();
        assertEquals(expected, bodies);
        assertEquals(history.stream().map(m -> TestNetwork.textOf(m).orElseThrow()).toList(), bodies);
        assertEquals(history.stream().map(m -> m.timestamp().toEpochMilli()).toList(),
                events.stream().map(e -> e.path("origin_server_ts").asLong()).toList());
    }
}

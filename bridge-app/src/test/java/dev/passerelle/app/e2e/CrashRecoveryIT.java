package dev.passerelle.app.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.TransactionPusher;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crash test of the foundation: the fake homeserver pushes 10,000 messages in 100-event transactions across 50
 * rooms; when a good part has been echoed the bridge process is SIGKILLed, then started again on the same port and
 * data while the pusher keeps retrying. Afterwards every message has been echoed exactly once and in order in its
 * room. On SQLite and on PostgreSQL.
 */
class CrashRecoveryIT extends BridgeProcessTest {

    private static final int ROOMS = 50;
    private static final int MESSAGES = 10_000;
    private static final int KILL_AFTER_ECHOES = 2_500;

    static Stream<TestDatabase> databases() {
        // SQLite: the default file in the bridge's data directory, as a fresh install has it.
        return Stream.of(new TestDatabase("sqlite", "passerelle.db"), TestDatabases.postgres());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyMessageIsEchoedExactlyOnceAndInOrderAcrossASigkill(TestDatabase database) {
        long began = System.nanoTime();
        // Only what the test feeds is pushed, so that every transaction carries exactly 100 of alice's messages.
        TestBed bed = TestBed.of(BridgeConfig.fakeWithFreshTokens().withPushRoomEvents(false));
        try (FakeHomeserver hs = bed.startFake(vertx);
             BridgeProcess bridge = new BridgeProcess(dataDir, bed.bridgeConfig().withDatabase(database))) {
            EchoRooms rooms = EchoRooms.create(hs, ROOMS);
            List<ObjectNode> messages = rooms.send(MESSAGES);
            TransactionPusher pusher = hs.pusher().orElseThrow();
            bridge.start().awaitReady(Duration.ofSeconds(60));

            PacedFeed feed = PacedFeed.start(pusher, messages, 15, rooms::botSendsAnswered);
            Poll.until(KILL_AFTER_ECHOES + " echoes before the kill", Duration.ofSeconds(60), () -> {
                bridge.requireAlive("before the kill");
                return rooms.botSendsAnswered() >= KILL_AFTER_ECHOES;
            }, () -> rooms.distinctEchoes() + " echoes; " + rooms.pusherState());
            bridge.kill();
            int echoedAtKill = rooms.distinctEchoes();
            int transactionsAtKill = pusher.delivered().size();
            assertTrue(echoedAtKill < MESSAGES && transactionsAtKill < MESSAGES / PacedFeed.TRANSACTION_SIZE,
                    "the kill should come mid-way, but " + echoedAtKill + " messages were echoed and "
                            + transactionsAtKill + " transactions accepted already");

            // Synapse keeps pushing to a bridge that is down: have transactions waiting, and see them refused.
            int attemptsAtKill = pusher.attempts();
            feed.widenWindow(5);
            Poll.until("the pusher retrying against the dead bridge", Duration.ofSeconds(30),
                    () -> pusher.attempts() >= attemptsAtKill + 3, rooms::pusherState);
            int refusedPushes = pusher.attempts() - attemptsAtKill;

            bridge.start().awaitReady(Duration.ofSeconds(60));
            feed.awaitDone(Duration.ofSeconds(90));
            rooms.awaitAllEchoed(Duration.ofSeconds(90), bridge);
            pusher.awaitDrained(Duration.ofSeconds(30));

            rooms.assertEchoedExactlyOnceInOrder();
            int resumed = (int) MetricsText.sum(bridge.metrics(), "passerelle_intake_events_replayed_total");
            assertTrue(resumed > 0, "the restarted bridge should have handed again the events it had stored but not "
                    + "finished before the kill\n" + bridge.logTail(40));
            System.out.printf("[%s] crash recovery: killed after %d of %d echoes with %d of %d transactions "
                            + "accepted; %d pushes refused while it was down; the restart resumed %d stored events; "
                            + "the homeserver deduplicated %d repeated sends; %d push attempts; %.1f s%n",
                    database.kind(), echoedAtKill, MESSAGES,
                    transactionsAtKill, MESSAGES / PacedFeed.TRANSACTION_SIZE, refusedPushes, resumed,
                    rooms.deduplicatedSends(), pusher.attempts(), (System.nanoTime() - began) / 1e9);
        }
    }
}

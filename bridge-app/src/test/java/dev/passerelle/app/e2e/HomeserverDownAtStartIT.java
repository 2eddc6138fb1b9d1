package dev.passerelle.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.homeserver.FakeHomeserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bridge starts while nothing listens at the homeserver's address: it says so once, clearly, keeps retrying
 * with backoff, and {@code /ready} answers 503 naming the address; when the homeserver comes up on that address the
 * bridge becomes ready within its backoff and handles what is pushed, with no restart.
 */
class HomeserverDownAtStartIT extends BridgeProcessTest {

    private static final String VERSIONS_PROBES = "passerelle_matrix_requests_seconds_count";

    @Test
    void saysOnceThatTheHomeserverIsUnreachableThenRecoversWhenItComesUp() {
        TestBed bed = TestBed.of(BridgeConfig.fakeWithFreshTokens());
        String address = "127.0.0.1:" + bed.fakeOptions().port();
        try (BridgeProcess bridge = new BridgeProcess(dataDir, bed.bridgeConfig())) {
            bridge.start();
            ReadyAnswer down = bridge.awaitReadyAnswer(a -> a.status() == 503 && a.check("homeserver")
                    .contains(address), Duration.ofSeconds(60), "/ready to say the homeserver at " + address
                    + " is unreachable");
            assertEquals("ok", down.check("database"), down.toString());

            // Let the bridge retry a few times (after 1, 2 and 4 s) before judging its log.
            Poll.until("four attempts to reach the homeserver", Duration.ofSeconds(30),
                    () -> unansweredProbes(bridge) >= 4, () -> bridge.metrics().lines()
                            .filter(l -> l.startsWith(VERSIONS_PROBES)).toList().toString());
            String log = bridge.log();
            List<String> saying = LogLines.containing(log, "could not reach the homeserver at", "Retrying");
            assertEquals(1, saying.size(), "one clear line should say the homeserver cannot be reached and that the "
                    + "bridge retries; found " + saying + "\n" + bridge.logTail(40));
            assertTrue(saying.getFirst().contains(address), saying.getFirst());
            assertEquals(List.of(), LogLines.stackFrames(log), "no stack traces while the homeserver is down");
            assertEquals(Map.of(), LogLines.repeatedWarnings(log),
                    "the same warning should not be repeated on every retry");

            long upAt = System.nanoTime();
            try (FakeHomeserver hs = bed.startFake(vertx)) {
                bridge.awaitReady(Duration.ofSeconds(35));
                double secondsToReady = (System.nanoTime() - upAt) / 1e9;
                System.out.printf("homeserver down at start: ready %.1f s after the homeserver came up%n",
                        secondsToReady);

                EchoRooms rooms = EchoRooms.create(hs, 3);
                rooms.send(30);
                rooms.awaitAllEchoed(Duration.ofSeconds(30), bridge);
                rooms.assertEchoedExactlyOnceInOrder();
            }
        }
    }

    private static double unansweredProbes(BridgeProcess bridge) {
        return MetricsText.sum(bridge.metrics(), VERSIONS_PROBES, "endpoint=\"GET /_matrix/client/versions\"",
                "status=\"io_error\"");
    }
}

package dev.passerelle.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.RecordedCall;
import dev.passerelle.testkit.homeserver.RequestMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The homeserver refuses the bridge's sends for a while — rate limited (429 with {@code retry_after_ms}), overloaded
 * (503), the connection dropped without an answer — and every echo still arrives exactly once, in order.
 */
class HomeserverFaultsIT extends BridgeProcessTest {

    private static final String ECHO_SENDS = "/send/m.room.message/echo-";

    @Test
    void rateLimitsOverloadAndDroppedConnectionsAreRetriedWithoutLossOrDuplicates() {
        TestBed bed = TestBed.of(BridgeConfig.fakeWithFreshTokens());
        try (FakeHomeserver hs = bed.startFake(vertx);
             BridgeProcess bridge = new BridgeProcess(dataDir, bed.bridgeConfig())) {
            EchoRooms rooms = EchoRooms.create(hs, 5);
            bridge.start().awaitReady(Duration.ofSeconds(60));

            // First armed, first used: three 429s, then three 503s, then three dropped connections.
            RequestMatcher sends = RequestMatcher.of("PUT", ECHO_SENDS);
            hs.failNext(3, sends, 429, "M_LIMIT_EXCEEDED", Optional.of(500L));
            hs.failNext(3, sends, 503, "M_UNKNOWN", Optional.empty());
            hs.dropNext(3, sends);
            rooms.send(100);
            rooms.awaitAllEchoed(Duration.ofSeconds(60), bridge);
            rooms.assertEchoedExactlyOnceInOrder();

            List<RecordedCall> attempts = hs.callsTo("PUT", ECHO_SENDS);
            assertEquals(3, count(attempts, 429), "rate-limited sends");
            assertEquals(3, count(attempts, 503), "sends refused as overloaded");
            assertEquals(3, count(attempts, 0), "sends whose connection was dropped");
            String metrics = bridge.metrics();
            for (String reason : List.of("rate_limited", "status_503", "connection")) {
                assertTrue(MetricsText.sum(metrics, "passerelle_matrix_retries_total", "reason=\"" + reason + "\"")
                        >= 3, "the bridge should have counted three retries for " + reason);
            }
            assertTrue(MetricsText.sum(metrics, "passerelle_intake_events_processed_total") >= 100,
                    "the bridge should count the events it processed");
            assertEquals(0.0, MetricsText.sum(metrics, "passerelle_intake_events_failed_total"),
                    "no event should have been given up");
        }
    }

    private static long count(List<RecordedCall> calls, int status) {
        return calls.stream().filter(c -> c.status() == status).count();
    }
}

package dev.passerelle.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.RecordedCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same end-to-end intake run against a current homeserver and one that behaves like Synapse 1.63 (transactions
 * on the unprefixed path with {@code ?access_token=}, events with top-level {@code age} and {@code user_id}, no
 * appservice ping, Matrix up to v1.2): 1,000 messages in 10 rooms are each echoed once, in order, and the bridge is
 * ready. The fake pushes every room event, the bot's own echoes included, as Synapse does.
 */
class HomeserverModesIT extends BridgeProcessTest {

    @ParameterizedTest(name = "old homeserver mode: {0}")
    @ValueSource(booleans = {false, true})
    void everyMessageIsEchoedOnceAndInOrder(boolean oldHomeserver) {
        TestBed bed = TestBed.of(BridgeConfig.fakeWithFreshTokens().withOldHomeserverMode(oldHomeserver));
        try (FakeHomeserver hs = bed.startFake(vertx);
             BridgeProcess bridge = new BridgeProcess(dataDir, bed.bridgeConfig())) {
            EchoRooms rooms = EchoRooms.create(hs, 10);
            bridge.start().awaitReady(Duration.ofSeconds(60));

            rooms.send(1_000);
            rooms.awaitAllEchoed(Duration.ofSeconds(90), bridge);
            rooms.assertEchoedExactlyOnceInOrder();

            ReadyAnswer ready = bridge.ready();
            assertEquals(200, ready.status(), ready.toString());
            assertEquals("ok", ready.check("homeserver"), ready.toString());
            List<RecordedCall> pings = hs.callsTo("POST", "/_matrix/client/v1/appservice/");
            if (oldHomeserver) {
                assertTrue(pings.isEmpty(), "the bridge pinged a homeserver that advertises only Matrix v1.2: "
                        + pings);
                assertTrue(bridge.log().contains("it has no appservice ping"), bridge.logTail(30));
            } else {
                assertTrue(pings.stream().anyMatch(p -> p.status() == 200), "no successful appservice ping: " + pings);
            }
            assertTrue(hs.pusher().orElseThrow().delivered().size() >= 10, "the fake should have pushed the 1,000 "
                    + "messages in at least 10 transactions");
        }
    }
}

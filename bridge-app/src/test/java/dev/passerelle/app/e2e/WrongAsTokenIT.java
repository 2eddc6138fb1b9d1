package dev.passerelle.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.homeserver.FakeHomeserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bridge's as_token is not the one the homeserver has in its registration: {@code /ready} answers 503 with a
 * reason naming as_token and registration.yaml, and the log says the same once, however often the bridge retries.
 */
class WrongAsTokenIT extends BridgeProcessTest {

    @Test
    void notReadyAndSaysOnceThatTheAsTokenIsRefused() {
        TestBed bed = TestBed.of(BridgeConfig.fakeWithFreshTokens());
        String wrongToken = "as_" + BridgeConfig.token();
        try (FakeHomeserver hs = bed.startFake(vertx);
             BridgeProcess bridge = new BridgeProcess(dataDir, bed.bridgeConfig().withAsToken(wrongToken))) {
            bridge.start();
            ReadyAnswer refused = bridge.awaitReadyAnswer(a -> a.status() == 503
                    && a.check("homeserver").contains("as_token"), Duration.ofSeconds(60),
                    "/ready to say the as_token is refused");
            assertTrue(refused.check("homeserver").contains("registration.yaml"), refused.toString());

            // The bridge keeps trying (after 1, 2 and 4 s): the homeserver sees whoami refused again and again.
            hs.calls().await(c -> c.matches("GET", "/account/whoami") && c.status() == 401, 4,
                    Duration.ofSeconds(30));
            assertEquals(503, bridge.ready().status(), "still not ready while the token is wrong");

            String log = bridge.log();
            List<String> saying = LogLines.containing(log, "as_token", "registration.yaml");
            assertEquals(1, saying.size(), "the refused as_token should be reported once; found " + saying + "\n"
                    + bridge.logTail(40));
            assertEquals(Map.of(), LogLines.repeatedWarnings(log), "no warning repeated on every retry");
            assertEquals(List.of(), LogLines.stackFrames(log), "no stack traces for a refused token");
            assertFalse(log.contains(wrongToken), "the log must not show the as_token, even a wrong one");
        }
    }
}

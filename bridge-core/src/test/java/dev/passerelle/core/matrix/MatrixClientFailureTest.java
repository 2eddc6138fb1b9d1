package dev.passerelle.core.matrix;

import static dev.passerelle.core.matrix.MatrixClientFixture.GHOST;
import static dev.passerelle.core.matrix.MatrixClientFixture.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.config.HomeserverConfig;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import dev.passerelle.testkit.homeserver.RequestMatcher;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Errors, retries and metrics: what the bridge does when the homeserver says no, is slow, or is gone. */
class MatrixClientFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestMatcher SENDS = RequestMatcher.of("PUT", "/send/");
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    private static ObjectNode text(String body) {
        return JSON.createObjectNode().put("msgtype", "m.text").put("body", body);
    }

    @ParameterizedTest(name = "old homeserver: {0}")
    @ValueSource(booleans = {false, true})
    void waitsForRetryAfterWhenRateLimitedThenSucceeds(boolean oldMode) {
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults().withOldHomeserverMode(oldMode))) {
            String room = f.roomWithGhost();
            f.hs.failNext(1, SENDS, 429, "M_LIMIT_EXCEEDED", Optional.of(300L));
            long start = System.nanoTime();
            String eventId = vt(() -> f.client.intent(GHOST).sendMessage(room, "m.room.message", text("hi"), "t1",
                    Optional.empty()));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 300, "must wait retry_after_ms (300) before retrying, waited " + elapsedMs);
            assertTrue(eventId.startsWith("$"));
            assertEquals(2, f.hs.callsTo("PUT", "/send/").size());
            assertEquals(1.0, f.meters.get("passerelle.matrix.retries").tag("reason", "rate_limited").counter().count());
        }
    }

    @Test
    void retriesServiceUnavailableAndDroppedConnectionsThenSucceedsWithoutDuplicates() {
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults())) {
            String room = f.roomWithGhost();
            f.hs.failNext(2, SENDS, 503, "M_UNKNOWN", Optional.empty());
            String first = vt(() -> f.client.intent(GHOST).sendMessage(room, "m.room.message", text("a"), "t1",
                    Optional.empty()));
            assertEquals(3, f.hs.callsTo("PUT", "/send/").size());

            f.hs.dropNext(2, SENDS);
            String second = vt(() -> f.client.intent(GHOST).sendMessage(room, "m.room.message", text("b"), "t2",
                    Optional.empty()));
            assertEquals(6, f.hs.callsTo("PUT", "/send/").size());
            assertTrue(!first.equals(second));
            assertEquals(2, f.hs.timeline(room).stream().filter(e -> e.path("type").asText()
                    .equals("m.room.message")).count());
        }
    }

    @Test
    void aSendAnsweredTooLateIsRetriedWithTheSameTxnIdAndGivesOneEvent() {
        // the homeserver stores the event but the answer never arrives: the retry must not duplicate it
        RetryPolicy shortTimeout = new RetryPolicy(6, Duration.ofMillis(10), Duration.ofMillis(100),
                Duration.ofMillis(300));
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults())) {
            String room = f.roomWithGhost();
            try (MatrixClient impatient = MatrixClient.create(vertx, new HomeserverConfig(f.hs.url(), "example.org"),
                    MatrixClientFixture.appservice(f.hs.options(), f.hs.options().asToken()), f.meters,
                    shortTimeout)) {
                f.hs.delayNext(1, SENDS, Duration.ofMillis(1000));
                String eventId = vt(() -> impatient.intent(GHOST).sendMessage(room, "m.room.message", text("x"),
                        "slow-1", Optional.empty()));
                f.hs.calls().await(c -> c.matches("PUT", "/send/"), 2, Duration.ofSeconds(5));
                assertEquals(1, f.hs.timeline(room).stream().filter(e -> e.path("event_id").asText()
                        .equals(eventId)).count());
                assertEquals(1, f.hs.timeline(room).stream().filter(e -> e.path("type").asText()
                        .equals("m.room.message")).count());
            }
        }
    }

    @Test
    void forbiddenAndNotFoundAreNotRetriedAndCarryTheErrcode() {
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults())) {
            String room = vt(() -> f.client.bot().createRoom(CreateRoomRequest.empty()));
            var forbidden = assertThrows(MatrixException.Forbidden.class, () -> vt(() -> f.client.intent(GHOST)
                    .sendMessage(room, "m.room.message", text("not a member"), "t1", Optional.empty())));
            assertEquals("M_FORBIDDEN", forbidden.errcode());
            assertEquals(403, forbidden.status());
            assertEquals(1, f.hs.callsTo("PUT", "/send/").size(), "403 must not be retried");

            var notFound = assertThrows(MatrixException.NotFound.class,
                    () -> vt(() -> f.client.bot().join("!nowhere:example.org")));
            assertEquals("M_NOT_FOUND", notFound.errcode());
            assertEquals(1, f.hs.callsTo("POST", "/join/").size(), "404 must not be retried");

            f.hs.failNext(1, RequestMatcher.of("GET", "/whoami"), 500, "M_UNKNOWN", Optional.empty());
            var serverError = assertThrows(MatrixException.class, () -> vt(() -> f.client.bot().whoami()));
            assertEquals(500, serverError.status());
            assertEquals(1, f.hs.callsTo("GET", "/whoami").size(), "500 is not retried");
        }
    }

    @Test
    void masqueradingOutsideTheNamespaceIsRefused() {
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults())) {
            var e = assertThrows(MatrixException.class,
                    () -> vt(() -> f.client.intent("@someone_else:example.org").whoami()));
            assertEquals("M_EXCLUSIVE", e.errcode());
        }
    }

    @Test
    void aWrongAsTokenGivesAnErrorThatSaysWhatToCheck() {
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults(), "not-the-token")) {
            var e = assertThrows(MatrixException.TokenRejected.class, () -> vt(() -> f.client.checkConnection()));
            assertEquals("M_UNKNOWN_TOKEN", e.errcode());
            assertTrue(e.getMessage().startsWith("the homeserver refused the bridge's as_token: check that "
                    + "registration.yaml and config.yaml carry the same as_token and that the homeserver loaded "
                    + "the registration"), e.getMessage());
            assertTrue(!e.getMessage().contains("not-the-token"), "the token must never appear in messages");
        }
    }

    @Test
    void anUnreachableHomeserverGivesAnErrorNamingTheAddress() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        String address = "http://127.0.0.1:" + freePort;
        var o = FakeHomeserverOptions.defaults();
        try (MatrixClient client = MatrixClient.create(vertx, new HomeserverConfig(address, "example.org"),
                MatrixClientFixture.appservice(o, o.asToken()), new SimpleMeterRegistry(), MatrixClientFixture.FAST)) {
            var e = assertThrows(MatrixException.Unreachable.class, () -> vt(client::checkConnection));
            assertTrue(e.getMessage().contains(address) && e.getMessage().contains("homeserver.address"),
                    e.getMessage());
            assertEquals(0, e.status());
            assertTrue(e.mayMeanHomeserverDown(), "a refused connection may mean the homeserver is down");
            assertFalse(vt(client::answers), "nothing listens there");
        }
    }

    @Test
    void noAnswerAndGatewayErrorsMayMeanTheHomeserverIsDownAndAProbeTellsIfItIs() {
        RetryPolicy oneShortTry = new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofMillis(300));
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults());
             MatrixClient once = MatrixClient.create(vertx, new HomeserverConfig(f.hs.url(), "example.org"),
                     MatrixClientFixture.appservice(f.hs.options(), f.hs.options().asToken()), f.meters,
                     oneShortTry)) {
            RequestMatcher whoami = RequestMatcher.of("GET", "/whoami");
            f.hs.failNext(1, whoami, 503, "", Optional.empty());
            assertTrue(assertThrows(MatrixException.class, () -> vt(() -> once.bot().whoami()))
                    .mayMeanHomeserverDown(), "503 from a proxy");
            f.hs.dropNext(1, whoami);
            assertTrue(assertThrows(MatrixException.class, () -> vt(() -> once.bot().whoami()))
                    .mayMeanHomeserverDown(), "connection closed without an answer");
            f.hs.delayNext(1, whoami, Duration.ofMillis(1000));
            assertTrue(assertThrows(MatrixException.class, () -> vt(() -> once.bot().whoami()))
                    .mayMeanHomeserverDown(), "no answer in time");
            f.hs.failNext(1, whoami, 500, "M_UNKNOWN", Optional.empty());
            assertFalse(assertThrows(MatrixException.class, () -> vt(() -> once.bot().whoami()))
                    .mayMeanHomeserverDown(), "500 is about this request");

            assertTrue(vt(once::answers), "the homeserver itself is up");
            f.hs.stop();
            assertFalse(vt(once::answers), "stopped");
            f.hs.restart();
            assertTrue(vt(once::answers), "back");
        }
    }

    @Test
    void survivesAHomeserverOutageOfAFewRetries() {
        // enough attempts that the outage (a few refused connections) fits well inside the retry budget
        RetryPolicy patient = new RetryPolicy(50, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5));
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults());
             MatrixClient client = MatrixClient.create(vertx, new HomeserverConfig(f.hs.url(), "example.org"),
                     MatrixClientFixture.appservice(f.hs.options(), f.hs.options().asToken()), f.meters, patient)) {
            String room = f.roomWithGhost();
            f.hs.stop();
            CompletableFuture<String> send = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    send.complete(client.intent(GHOST).sendMessage(room, "m.room.message", text("during outage"),
                            "outage-1", Optional.empty()));
                } catch (RuntimeException e) {
                    send.completeExceptionally(e);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (retries(f, "connection") < 2) {
                assertTrue(System.nanoTime() < deadline, "the client never retried the refused connection");
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // poll with a deadline
            }
            assertFalse(send.isDone(), "the send must still be waiting for the homeserver");
            f.hs.restart();
            String eventId = send.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
            assertEquals(eventId, f.hs.timeline(room).getLast().path("event_id").asText());
        }
    }

    private static double retries(MatrixClientFixture f, String reason) {
        var c = f.meters.find("passerelle.matrix.retries").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void recordsRequestTimersTaggedWithTheEndpointTemplate() {
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults())) {
            String room = f.roomWithGhost();
            vt(() -> f.client.intent(GHOST).sendMessage(room, "m.room.message", text("m"), "t1", Optional.empty()));
            Timer sends = f.meters.get("passerelle.matrix.requests")
                    .tag("endpoint", "PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}")
                    .tag("status", "200").tag("errcode", "none").timer();
            assertEquals(1, sends.count());
            assertThrows(MatrixException.NotFound.class, () -> vt(() -> f.client.bot().getProfile("@nobody:example.org")));
            assertEquals(1, f.meters.get("passerelle.matrix.requests")
                    .tag("endpoint", "GET /_matrix/client/v3/profile/{userId}").tag("status", "404")
                    .tag("errcode", "M_NOT_FOUND").timer().count());
            f.meters.getMeters().forEach(m -> {
                String endpoint = m.getId().getTag("endpoint");
                assertTrue(endpoint == null || !(endpoint.contains("!") || endpoint.contains("@")
                        || endpoint.contains("$")), "concrete ids leaked into a tag: " + endpoint);
            });
        }
    }

    @Test
    void checkConnectionReportsPingAndVersionsPerMode() {
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults())) {
            ConnectionCheck check = vt(() -> f.client.checkConnection());
            assertEquals(f.client.botUserId(), check.botUserId());
            assertTrue(check.capabilities().supportsAppservicePing());
            // no bridge URL in this fake's registration: the homeserver says so
            var failed = assertInstanceOf(ConnectionCheck.PingResult.Failed.class, check.ping());
            assertEquals("M_URL_NOT_SET", failed.errcode());
            var ping = f.hs.callsTo("POST", "/_matrix/client/v1/appservice/passerelle/ping").getFirst();
            assertTrue(ping.body().orElseThrow().path("transaction_id").asText().startsWith("passerelle-ping-"));
        }
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults().withOldHomeserverMode(true))) {
            ConnectionCheck check = vt(() -> f.client.checkConnection());
            assertInstanceOf(ConnectionCheck.PingResult.NotSupported.class, check.ping());
            assertTrue(f.hs.callsTo("POST", "/ping").isEmpty(), "no ping on a homeserver before v1.7");
        }
    }
}

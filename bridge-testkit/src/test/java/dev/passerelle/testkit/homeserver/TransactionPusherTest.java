package dev.passerelle.testkit.homeserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pusher against a stand-in bridge that records what arrives and fails on demand. */
class TransactionPusherTest {
    /** One request the stand-in bridge received. */
    record Received(String method, String path, String query, Optional<String> authorization, JsonNode body) {
    }

    private Vertx vertx;
    private HttpServer bridge;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startBridge() {
        vertx = Vertx.vertx();
        bridge = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buf -> {
            JsonNode body = buf.length() == 0 ? Events.JSON.createObjectNode() : readTree(buf.getBytes());
            received.add(new Received(req.method().name(), req.path(), String.valueOf(req.query()),
                    Optional.ofNullable(req.getHeader("Authorization")), body));
            if (req.path().endsWith("/ping")) {
                req.response().setStatusCode(200).end("{}");
            } else if (failuresLeft.getAndDecrement() > 0) {
                req.response().setStatusCode(503).end("{\"errcode\":\"M_UNKNOWN\",\"error\":\"busy\"}");
            } else {
                req.response().setStatusCode(200).end("{}");
            }
        })).listen(0, "127.0.0.1").await();
    }

    private static JsonNode readTree(byte[] b) {
        try {
            return Events.JSON.readTree(b);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private FakeHomeserver fake(boolean oldMode) {
        return FakeHomeserver.start(vertx, FakeHomeserverOptions.defaults()
                .withBridgeUrl("http://127.0.0.1:" + bridge.actualPort()).withOldHomeserverMode(oldMode)
                .withPusherBackoff(Duration.ofMillis(10), Duration.ofMillis(40)));
    }

    @Test
    void retriesOneTransactionUnchangedUntilAcceptedThenMovesToTheNextId() {
        try (FakeHomeserver hs = fake(false)) {
            TransactionPusher pusher = hs.pusher().orElseThrow();
            failuresLeft.set(3);
            ObjectNode first = Events.text("!r:example.org", "@alice:example.org", "one");
            pusher.enqueue(List.of(first));
            pusher.awaitDrained(Duration.ofSeconds(5));
            pusher.enqueueTransaction(List.of(Events.text("!r:example.org", "@alice:example.org", "two")),
                    List.of(Events.typing("!r:example.org", List.of("@alice:example.org"))), List.of());
            pusher.awaitDrained(Duration.ofSeconds(5));

            assertEquals(5, received.size(), received.toString());
            assertEquals(5, pusher.attempts());
            for (int i = 0; i < 4; i++) {
                assertEquals("/_matrix/app/v1/transactions/1", received.get(i).path());
                assertEquals(received.get(0).body(), received.get(i).body(), "a retried transaction is unchanged");
                assertEquals(Optional.of("Bearer hs-secret-token"), received.get(i).authorization());
            }
            assertEquals(first.get("event_id"), received.get(0).body().path("events").get(0).get("event_id"));
            Received second = received.get(4);
            assertEquals("/_matrix/app/v1/transactions/2", second.path());
            assertEquals("m.typing", second.body().path("ephemeral").get(0).path("type").asText());
            assertEquals("m.typing", second.body().path("de.sorunome.msc2409.ephemeral").get(0).path("type").asText());
            assertEquals(List.of(4, 1), pusher.delivered().stream().map(PushedTransaction::attempts).toList());
        }
    }

    @Test
    void oldModeUsesTheLegacyPathWithAccessTokenAndTopLevelAgeAndUserId() {
        try (FakeHomeserver hs = fake(true)) {
            hs.pusher().orElseThrow().enqueue(List.of(Events.text("!r:example.org", "@alice:example.org", "old")));
            hs.pusher().orElseThrow().awaitDrained(Duration.ofSeconds(5));
            Received r = received.getFirst();
            assertEquals("/transactions/1", r.path());
            assertEquals("access_token=hs-secret-token", r.query());
            assertEquals(Optional.empty(), r.authorization());
            JsonNode event = r.body().path("events").get(0);
            assertEquals("@alice:example.org", event.path("user_id").asText());
            assertTrue(event.has("age"));
        }
    }

    @Test
    void roomEventsOfRoomsWithAppserviceMembersArePushedAndPingsReachTheBridge() {
        try (FakeHomeserver hs = fake(false)) {
            var client = io.vertx.ext.web.client.WebClient.create(vertx);
            String room = client.postAbs(hs.url() + "/_matrix/client/v3/createRoom")
                    .bearerTokenAuthentication("as-secret-token")
                    .sendJson(Map.of("name", "Portal")).await().bodyAsJsonObject().getString("room_id");
            ObjectNode said = hs.sendAs("@alice:example.org", room, "m.room.message", Optional.empty(),
                    Events.textContent("hello bridge"));
            hs.pusher().orElseThrow().awaitDrained(Duration.ofSeconds(5));
            List<String> pushedIds = received.stream().flatMap(r -> {
                List<String> ids = new java.util.ArrayList<>();
                r.body().path("events").forEach(e -> ids.add(e.path("event_id").asText()));
                return ids.stream();
            }).toList();
            assertTrue(pushedIds.contains(said.get("event_id").asText()), pushedIds.toString());
            assertEquals(hs.timeline(room).size(), pushedIds.size(), "every event of the room is pushed once");

            var ping = client.postAbs(hs.url() + "/_matrix/client/v1/appservice/passerelle/ping")
                    .bearerTokenAuthentication("as-secret-token").sendJson(Map.of("transaction_id", "p1")).await();
            assertEquals(200, ping.statusCode(), ping.bodyAsString());
            assertTrue(ping.bodyAsJsonObject().containsKey("duration_ms"));
            Received bridgePing = received.stream().filter(r -> r.path().equals("/_matrix/app/v1/ping")).findFirst()
                    .orElseThrow();
            assertEquals("p1", bridgePing.body().path("transaction_id").asText());
            assertEquals(Optional.of("Bearer hs-secret-token"), bridgePing.authorization());
        }
    }

    @Test
    void checksTheAsTokenAndTheMasquerade() {
        try (FakeHomeserver hs = fake(false)) {
            var client = io.vertx.ext.web.client.WebClient.create(vertx);
            var missing = client.getAbs(hs.url() + "/_matrix/client/v3/account/whoami").send().await();
            assertEquals(401, missing.statusCode());
            assertEquals("M_MISSING_TOKEN", missing.bodyAsJsonObject().getString("errcode"));
            var wrong = client.getAbs(hs.url() + "/_matrix/client/v3/account/whoami")
                    .bearerTokenAuthentication("nope").send().await();
            assertEquals("M_UNKNOWN_TOKEN", wrong.bodyAsJsonObject().getString("errcode"));
            var outside = client.getAbs(hs.url() + "/_matrix/client/v3/account/whoami")
                    .addQueryParam("user_id", "@bob:example.org")
                    .bearerTokenAuthentication("as-secret-token").send().await();
            assertEquals(403, outside.statusCode());
            var unregistered = client.getAbs(hs.url() + "/_matrix/client/v3/account/whoami")
                    .addQueryParam("user_id", "@test_ghost:example.org")
                    .bearerTokenAuthentication("as-secret-token").send().await();
            assertEquals("M_FORBIDDEN", unregistered.bodyAsJsonObject().getString("errcode"));
            assertFalse(hs.isRegistered("@test_ghost:example.org"));
            assertEquals(List.of(401, 401, 403, 403), hs.calls().all().stream().map(RecordedCall::status).toList());
        }
    }
}

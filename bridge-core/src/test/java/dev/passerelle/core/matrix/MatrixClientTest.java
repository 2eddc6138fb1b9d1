package dev.passerelle.core.matrix;

import static dev.passerelle.core.matrix.MatrixClientFixture.GHOST;
import static dev.passerelle.core.matrix.MatrixClientFixture.vt;
import static dev.passerelle.core.matrix.MatrixClientFixture.vtRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import dev.passerelle.testkit.homeserver.RecordedCall;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's happy paths against the fake homeserver, in current and old (Synapse 1.63-like) mode. */
class MatrixClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    private static MatrixClientFixture fixture(boolean oldMode) {
        return new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults().withOldHomeserverMode(oldMode));
    }

    @ParameterizedTest(name = "old homeserver: {0}")
    @ValueSource(booleans = {false, true})
    void registersAGhostOnceAndAcceptsUserInUse(boolean oldMode) {
        try (var f = fixture(oldMode)) {
            f.hs.registerUser("@test_bob:example.org"); // registered earlier, e.g. before a bridge restart
            vtRun(() -> {
                f.client.intent(GHOST).ensureRegistered();
                f.client.intent(GHOST).ensureRegistered();
                f.client.intent(GHOST).setDisplayName("Alice");
                f.client.intent("@test_bob:example.org").setDisplayName("Bob");
            });
            List<RecordedCall> registers = f.hs.callsTo("POST", "/register");
            assertEquals(2, registers.size(), "one registration per ghost: " + registers);
            assertEquals(200, registers.get(0).status());
            assertEquals("m.login.application_service", registers.get(0).body().orElseThrow().path("type").asText());
            assertEquals("test_alice", registers.get(0).body().orElseThrow().path("username").asText());
            assertEquals(Optional.of("M_USER_IN_USE"), registers.get(1).errcode());
            assertEquals("Alice", f.hs.profile(GHOST).path("displayname").asText());
            assertEquals("Bob", f.hs.profile("@test_bob:example.org").path("displayname").asText());
        }
    }

    @ParameterizedTest(name = "old homeserver: {0}")
    @ValueSource(booleans = {false, true})
    void sendsAsTheGhostWithMassagedTimestampAndDeduplicatesByTxnId(boolean oldMode) {
        try (var f = fixture(oldMode)) {
            String room = f.roomWithGhost();
            Instant sentOnNetwork = Instant.parse("2024-03-01T10:15:30.123Z");
            ObjectNode content = JSON.createObjectNode().put("msgtype", "m.text").put("body", "hello from the network");
            String first = vt(() -> f.client.intent(GHOST).sendMessage(room, "m.room.message", content, "net-42",
                    Optional.of(sentOnNetwork)));
            String again = vt(() -> f.client.intent(GHOST).sendMessage(room, "m.room.message", content, "net-42",
                    Optional.of(sentOnNetwork)));
            assertEquals(first, again, "the same txn id must give the same event");
            List<ObjectNode> messages = f.hs.timeline(room).stream()
                    .filter(e -> e.path("type").asText().equals("m.room.message")).toList();
            assertEquals(1, messages.size(), "no duplicate message: " + messages);
            assertEquals(GHOST, messages.getFirst().path("sender").asText());
            assertEquals(sentOnNetwork.toEpochMilli(), messages.getFirst().path("origin_server_ts").asLong());
            RecordedCall send = f.hs.callsTo("PUT", "/send/m.room.message/net-42").getFirst();
            assertEquals(Optional.of(GHOST), send.queryParam("user_id"));
            assertEquals(Optional.of(Long.toString(sentOnNetwork.toEpochMilli())), send.queryParam("ts"));
            assertTrue(send.path().contains("%21") && send.path().contains("%3A"),
                    "room id must be percent-encoded in the path: " + send.path());
        }
    }

    @ParameterizedTest(name = "old homeserver: {0}")
    @ValueSource(booleans = {false, true})
    void downloadsMediaFromTheEndpointTheHomeserverSupports(boolean oldMode) {
        try (var f = fixture(oldMode)) {
            byte[] png = "\u0089PNG fake image bytes".getBytes(StandardCharsets.ISO_8859_1);
            String mxc = vt(() -> f.client.intent(GHOST).uploadMedia(png, "image/png", Optional.of("cat.png")));
            assertTrue(mxc.startsWith("mxc://example.org/"), mxc);
            MediaContent back = vt(() -> f.client.bot().downloadMedia(mxc));
            assertArrayEquals(png, back.bytes());
            assertEquals("image/png", back.contentType());
            assertEquals(Optional.of("cat.png"), f.hs.callsTo("POST", "/_matrix/media/v3/upload").getFirst()
                    .queryParam("filename"));
            String expected = oldMode ? "/_matrix/media/v3/download/" : "/_matrix/client/v1/media/download/";
            List<RecordedCall> downloads = f.hs.calls().matching(c -> c.decodedPath().contains("/download/"));
            assertEquals(1, downloads.size(), downloads.toString());
            assertTrue(downloads.getFirst().decodedPath().startsWith(expected), downloads.toString());
            assertEquals(oldMode, !vt(() -> f.client.serverInfo()).supportsAuthenticatedMedia());
        }
    }

    @Test
    void managesRoomsStateMembershipAliasesAndProfiles() {
        try (var f = fixture(false)) {
            var bot = f.client.bot();
            var ghost = f.client.intent(GHOST);
            ObjectNode bridgeInfo = JSON.createObjectNode().put("bridgebot", f.client.botUserId());
            String room = vt(() -> bot.createRoom(CreateRoomRequest.empty().withName("Family").withTopic("chat")
                    .withPreset("private_chat").withInvites(List.of(GHOST), true).withAliasName("test_family")
                    .withInitialState(List.of(new CreateRoomRequest.StateEvent("m.bridge", "net://family",
                            bridgeInfo)))));
            assertEquals(Optional.of(room), vt(() -> ghost.resolveAlias("#test_family:example.org")));
            assertEquals(room, vt(() -> ghost.join("#test_family:example.org")));
            assertEquals("Family", vt(() -> bot.getState(room, "m.room.name", "")).orElseThrow()
                    .path("name").asText());
            assertEquals(f.client.botUserId(), vt(() -> bot.getState(room, "m.bridge", "net://family"))
                    .orElseThrow().path("bridgebot").asText());
            assertEquals(Optional.empty(), vt(() -> bot.getState(room, "m.room.avatar", "")));
            String stateId = vt(() -> bot.putState(room, "m.room.topic", "", JSON.createObjectNode()
                    .put("topic", "new topic")));
            assertTrue(stateId.startsWith("$"), stateId);
            assertEquals("new topic", f.hs.state(room, "m.room.topic", "").orElseThrow()
                    .path("content").path("topic").asText());

            String msg = vt(() -> ghost.sendMessage(room, "m.room.message", JSON.createObjectNode()
                    .put("msgtype", "m.text").put("body", "hi"), "t1", Optional.empty()));
            vtRun(() -> {
                bot.sendReceipt(room, msg, "m.read");
                bot.setReadMarkers(room, msg, Optional.of(msg));
                ghost.setTyping(room, true, 30_000);
                ghost.setPresence(Presence.ONLINE, Optional.of("on the network"));
                ghost.setAvatarUrl("mxc://example.org/avatar");
                ghost.redact(room, msg, Optional.of("deleted on the network"), "r1");
            });
            assertEquals(Optional.of("online"), f.hs.presence(GHOST));
            assertEquals(new Profile(Optional.empty(), Optional.of("mxc://example.org/avatar")),
                    vt(() -> bot.getProfile(GHOST)));
            assertEquals(msg, f.hs.timeline(room).getLast().path("content").path("redacts").asText());

            vtRun(() -> {
                bot.createAlias("#test_other:example.org", room);
                bot.deleteAlias("#test_other:example.org");
            });
            assertEquals(Optional.empty(), vt(() -> bot.resolveAlias("#test_other:example.org")));

            vtRun(() -> bot.kick(room, GHOST, Optional.of("left the chat on the network")));
            assertFalse(f.hs.members(room, "join").contains(GHOST));
            vtRun(() -> bot.invite(room, GHOST));
            vtRun(() -> ghost.join(room));
            vtRun(() -> ghost.leave(room));
            assertEquals(List.of(f.client.botUserId()), f.hs.members(room, "join"));
        }
    }

    @Test
    void worksFromVertxVirtualThreadVerticlesAndWorkersButRefusesTheEventLoop() {
        try (var f = fixture(false)) {
            var inVerticle = new java.util.concurrent.atomic.AtomicReference<String>();
            vertx.deployVerticle(new io.vertx.core.VerticleBase() {
                @Override
                public io.vertx.core.Future<?> start() {
                    inVerticle.set(f.client.bot().whoami()); // a Vert.x virtual thread: blocking is allowed
                    return io.vertx.core.Future.succeededFuture();
                }
            }, new io.vertx.core.DeploymentOptions().setThreadingModel(io.vertx.core.ThreadingModel.VIRTUAL_THREAD))
                    .await();
            assertEquals(f.client.botUserId(), inVerticle.get());
            assertEquals(f.client.botUserId(), vertx.executeBlocking(() -> f.client.bot().whoami()).await());
            assertEquals(2, f.hs.callsTo("GET", "/account/whoami").size());

            io.vertx.core.Promise<Throwable> onEventLoop = io.vertx.core.Promise.promise();
            vertx.runOnContext(v -> {
                try {
                    f.client.bot().whoami();
                    onEventLoop.complete(null);
                } catch (IllegalStateException e) {
                    onEventLoop.complete(e);
                }
            });
            Throwable refused = onEventLoop.future().await();
            assertTrue(refused instanceof IllegalStateException && refused.getMessage().contains("virtual thread"),
                    String.valueOf(refused));
            assertEquals(2, f.hs.callsTo("GET", "/account/whoami").size(), "nothing sent from the event loop");
        }
    }
}

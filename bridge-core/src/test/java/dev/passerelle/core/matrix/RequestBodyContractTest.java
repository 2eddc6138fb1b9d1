package dev.passerelle.core.matrix;

import static dev.passerelle.core.matrix.MatrixClientFixture.GHOST;
import static dev.passerelle.core.matrix.MatrixClientFixture.vt;
import static dev.passerelle.core.matrix.MatrixClientFixture.vtRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import dev.passerelle.testkit.spec.MatrixSpec;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the client sends, checked against the request schemas of the Matrix spec. */
class RequestBodyContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validation messages for {@code body} against the request schema of {@code method path} in {@code file}. */
    private static List<String> specErrors(String file, String path, String method, JsonNode body) {
        return MatrixSpec.errors(MatrixSpec.requestSchema(MatrixSpec.api("client-server", file), path, method),
                body.toString());
    }

    @Test
    void requestBodiesMatchTheSpec() {
        Vertx vertx = Vertx.vertx();
        try (var f = new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults())) {
            var bot = f.client.bot();
            var ghost = f.client.intent(GHOST);
            String room = vt(() -> bot.createRoom(CreateRoomRequest.empty().withName("Portal").withTopic("t")
                    .withVisibility("private").withPreset("trusted_private_chat").withInvites(List.of(GHOST), true)
                    .withAliasName("test_portal")
                    .withPowerLevelOverride(JSON.createObjectNode().put("events_default", 0))
                    .withCreationContent(JSON.createObjectNode().put("m.federate", false))
                    .withInitialState(List.of(new CreateRoomRequest.StateEvent("m.room.encryption", "",
                            JSON.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2"))))));
            vtRun(() -> {
                ghost.join(room);
                ghost.setTyping(room, true, 5000);
                ghost.setPresence(Presence.UNAVAILABLE, Optional.of("away on the network"));
                ghost.setDisplayName("Alice (Telegram)");
                String ev = ghost.sendMessage(room, "m.room.message", JSON.createObjectNode()
                        .put("msgtype", "m.text").put("body", "hi"), "t1", Optional.empty());
                bot.setReadMarkers(room, ev, Optional.of(ev));
                ghost.redact(room, ev, Optional.of("unsent"), "r1");
            });
            assertValid("create_room.yaml", "/createRoom", "post", body(f, "POST", "/createRoom"));
            assertValid("registration.yaml", "/register", "post", body(f, "POST", "/register"));
            assertValid("typing.yaml", "/rooms/{roomId}/typing/{userId}", "put", body(f, "PUT", "/typing/"));
            assertValid("presence.yaml", "/presence/{userId}/status", "put", body(f, "PUT", "/presence/"));
            assertValid("profile.yaml", "/profile/{userId}/{keyName}", "put", body(f, "PUT", "/displayname"));
            assertValid("read_markers.yaml", "/rooms/{roomId}/read_markers", "post", body(f, "POST", "/read_markers"));
            assertValid("redaction.yaml", "/rooms/{roomId}/redact/{eventId}/{txnId}", "put", body(f, "PUT", "/redact/"));
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void theCheckCatchesABodyTheSpecForbids() {
        var wrong = JSON.createObjectNode().put("presence", "away");
        assertFalse(specErrors("presence.yaml", "/presence/{userId}/status", "put", wrong).isEmpty());
        var wrongPreset = JSON.createObjectNode().put("preset", "secret_chat");
        assertFalse(specErrors("create_room.yaml", "/createRoom", "post", wrongPreset).isEmpty());
    }

    private static JsonNode body(MatrixClientFixture f, String method, String pathPart) {
        return f.hs.callsTo(method, pathPart).getFirst().body().orElseThrow();
    }

    private void assertValid(String file, String path, String method, JsonNode body) {
        assertEquals(List.of(), specErrors(file, path, method, body), method + " " + path + ": " + body);
    }
}

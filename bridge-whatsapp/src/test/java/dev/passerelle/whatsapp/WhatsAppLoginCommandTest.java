package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.CreateRoomRequest;
import dev.passerelle.testbed.BridgeBed;
import dev.passerelle.testkit.homeserver.Events;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in to WhatsApp the way a user does in Element: DM {@code @whatsappbot}, type {@code login}, scan the QR
 * codes the bot posts (refreshed as WhatsApp rotates them), or {@code login phone} and type the pairing code.
 * Through the real bridge wiring, the fake homeserver and the scripted sidecar.
 */
class WhatsAppLoginCommandTest {

    private static final String BOT = "@whatsappbot:example.org";

    @TempDir
    Path dir;
    ScriptedSidecar sidecar;
    BridgeBed bed;

    @BeforeEach
    void start() {
        sidecar = new ScriptedSidecar();
        ScriptedSidecarProvider.current = sidecar;
        bed = new BridgeBed(dir, "whatsapp", "whatsappbot", "whatsapp_");
        bed.networkConfig().put("sidecar_launcher", "scripted");
        bed.start();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private String loginSession(int nth) {
        BridgeBed.until("login session " + nth, () -> loginSessions().size() >= nth, () -> sidecar.requests().toString());
        return loginSessions().get(nth - 1);
    }

    private List<String> loginSessions() {
        return sidecar.requests("session.open").stream().map(r -> r.params().path("session").asText())
                .filter(s -> s.startsWith("login-")).distinct().toList();
    }

    private void linked(String session) {
        sidecar.ask("state.set", object().put("session", session).set("values",
                object().put("creds", "{\"registered\":true}")));
        var open = object().put("state", "open");
        open.putObject("me").put("id", ScriptedBed.ALICE + ":3@s.whatsapp.net").put("name", "Alice");
        sidecar.emit("connection", session, open);
    }

    @Test
    void qrLoginShowsRefreshedCodesThenTheLoginConnects() {
        String room = managementRoom();
        BridgeBed.until("the bot's welcome", () -> !botMessages(room, "m.notice").isEmpty(), () -> "");
        say(room, "login");
        String session = loginSession(1);
        sidecar.emit("qr", session, object().put("code", "2@first-code"));
        BridgeBed.until("a QR image", () -> !botMessages(room, "m.image").isEmpty(),
                () -> bed.homeserver.timeline(room).toString());
        int shown = allBotEvents(room).size();
        sidecar.emit("qr", session, object().put("code", "2@second-code"));
        BridgeBed.until("the refreshed QR code", () -> allBotEvents(room).size() > shown,
                () -> bed.homeserver.timeline(room).toString());

        linked(session);
        BridgeBed.until("the login confirmed", () -> botMessages(room, "m.notice").stream()
                .anyMatch(n -> n.contains("Logged in")), () -> botMessages(room, "m.notice").toString());
        sidecar.awaitRequest("session.open", r -> r.params().path("session").asText().equals(ScriptedBed.ALICE));
        // The session's keys went with it: the client's sidecar session reads the creds written while linking.
        assertArrayEquals("{\"registered\":true}".getBytes(StandardCharsets.UTF_8),
                sidecar.ask("state.get", object().put("session", ScriptedBed.ALICE).set("names",
                        JsonNodeFactory.instance.arrayNode().add("creds"))).path("result").path("values")
                        .path("creds").asText().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pairingCodeLoginShowsTheCodeToTypeOnThePhone() {
        sidecar.on("session.pair", r -> object().put("code", "WXYZ9876"));
        String room = managementRoom();
        BridgeBed.until("the bot's welcome", () -> !botMessages(room, "m.notice").isEmpty(), () -> "");
        say(room, "login phone");
        BridgeBed.until("the phone question", () -> botMessages(room, "m.notice").stream()
                .anyMatch(n -> n.contains("Phone number") || n.contains("phone number")),
                () -> botMessages(room, "m.notice").toString());
        Thread.ofVirtual().start(() -> sidecar.emit("qr", loginSession(1), object().put("code", "2@ready")));
        say(room, "+33 6 00 00 00 01");
        BridgeBed.until("the pairing code", () -> allBotBodies(room).stream().anyMatch(b -> b.contains("WXYZ-9876")),
                () -> allBotBodies(room).toString());
        assertTrue(sidecar.requests("session.pair").getFirst().params().path("phone").asText()
                .equals(ScriptedBed.ALICE));
        linked(loginSession(1));
        BridgeBed.until("the login confirmed", () -> botMessages(room, "m.notice").stream()
                .anyMatch(n -> n.contains("Logged in")), () -> botMessages(room, "m.notice").toString());
    }

    private String managementRoom() {
        String user = BridgeBed.ALICE;
        bed.homeserver.registerUser(user);
        String room = onVirtualThread(() -> bed.passerelle().services().matrix().bot()
                .createRoom(CreateRoomRequest.empty().withInvites(List.of(user), true)));
        bed.push(bed.homeserver.sendAs(user, room, "m.room.member", Optional.of(user),
                JsonNodeFactory.instance.objectNode().put("membership", "join")));
        bed.push(bed.homeserver.sendAs(user, room, "m.room.member", Optional.of(BOT),
                JsonNodeFactory.instance.objectNode().put("membership", "invite").put("is_direct", true)));
        return room;
    }

    private void say(String room, String text) {
        ObjectNode event = bed.homeserver.sendAs(BridgeBed.ALICE, room, "m.room.message", Optional.empty(),
                Events.textContent(text));
        bed.push(event);
    }

    private List<ObjectNode> allBotEvents(String room) {
        return bed.homeserver.timeline(room).stream().filter(e -> e.path("sender").asText().equals(BOT))
                .filter(e -> e.path("type").asText().equals("m.room.message")).toList();
    }

    private List<String> allBotBodies(String room) {
        return allBotEvents(room).stream().map(e -> e.path("content").path("body").asText()
                + " " + e.path("content").path("formatted_body").asText()).toList();
    }

    private List<String> botMessages(String room, String msgtype) {
        return allBotEvents(room).stream().filter(e -> e.path("content").path("msgtype").asText().equals(msgtype))
                .map(e -> e.path("content").path("body").asText()).toList();
    }

    private static <T> T onVirtualThread(java.util.concurrent.Callable<T> call) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return executor.submit(call).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

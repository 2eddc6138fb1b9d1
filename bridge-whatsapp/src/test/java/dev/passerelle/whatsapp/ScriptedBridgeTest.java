package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.ALICE;
import static dev.passerelle.whatsapp.ScriptedBed.BOB;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.testbed.BridgeBed;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the end-to-end tests share: the real bridge wiring and the fake homeserver ({@link BridgeBed}) with the
 * scripted sidecar at the process boundary, Alice logged in and connected.
 */
abstract class ScriptedBridgeTest {

    static final String BOB_JID = BOB + "@s.whatsapp.net";
    static final String BOB_GHOST = "@whatsapp_" + BOB + ":example.org";

    @TempDir
    Path dir;
    ScriptedSidecar sidecar;
    BridgeBed bed;

    @BeforeEach
    void startBed() {
        sidecar = new ScriptedSidecar();
        ScriptedSidecarProvider.current = sidecar;
        bed = new BridgeBed(dir, "whatsapp", "whatsappbot", "whatsapp_");
        bed.networkConfig().put("sidecar_launcher", "scripted").put("heartbeat_seconds", 1);
        configure(bed.networkConfig());
        bed.start();
        bed.addLogin(BridgeBed.ALICE, new NewLogin(ALICE, "+" + ALICE, new byte[0]));
        sidecar.awaitRequest("session.open", r -> r.params().path("session").asText().equals(ALICE));
    }

    /** More of the {@code networks.whatsapp} section, before the bridge starts. */
    void configure(ObjectNode network) {
    }

    @AfterEach
    void stopBed() {
        bed.close();
    }

    /** A text message from {@code sender} as the sidecar reports it. */
    static ObjectNode message(String chat, String sender, String id, long timestamp, String text) {
        ObjectNode m = object().put("chat", chat).put("id", id).put("fromMe", false).put("timestamp", timestamp)
                .put("sender", sender).put("pushName", "Bob");
        m.putObject("content").put("kind", "text").put("text", text);
        return m;
    }

    /** Alice's session hears {@code data} as {@code event}. */
    void emit(String event, ObjectNode data) {
        sidecar.emit(event, ALICE, data);
    }

    /** A management room of Alice with the bridge bot, made the way a Matrix client makes a DM with it. */
    String managementRoom() {
        String room;
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            room = executor.submit(() -> bed.passerelle().services().matrix().bot().createRoom(
                    dev.passerelle.core.matrix.CreateRoomRequest.empty()
                            .withInvites(java.util.List.of(BridgeBed.ALICE), true))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        bed.push(bed.homeserver.sendAs(BridgeBed.ALICE, room, "m.room.member", java.util.Optional.of(BridgeBed.ALICE),
                object().put("membership", "join")));
        bed.push(bed.homeserver.sendAs(BridgeBed.ALICE, room, "m.room.member",
                java.util.Optional.of("@whatsappbot:example.org"),
                object().put("membership", "invite").put("is_direct", true)));
        return room;
    }

    /** Alice says {@code text} in {@code room}. */
    void say(String room, String text) {
        bed.push(bed.homeserver.sendAs(BridgeBed.ALICE, room, "m.room.message", java.util.Optional.empty(),
                object().put("msgtype", "m.text").put("body", text)));
    }

    /** The bot's answer in {@code room} that contains {@code part}, once it is there. */
    String awaitBotSays(String room, String part) {
        java.util.function.Supplier<java.util.List<String>> said = () -> bed.homeserver.timeline(room).stream()
                .filter(e -> e.path("sender").asText().equals("@whatsappbot:example.org"))
                .map(e -> e.path("content").path("body").asText("")).toList();
        BridgeBed.until("the bot to say " + part, () -> said.get().stream().anyMatch(b -> b.contains(part)),
                () -> said.get().toString());
        return said.get().stream().filter(b -> b.contains(part)).findFirst().orElseThrow();
    }

    /** Bob's DM portal, created by a first message from him. */
    String bobsRoom() {
        emit("message", message(BOB_JID, BOB_JID, "FIRST", 1_700_000_000_000L, "hello"));
        bed.awaitMessage(BOB, "hello");
        return bed.portalRoom(BOB).orElseThrow();
    }
}

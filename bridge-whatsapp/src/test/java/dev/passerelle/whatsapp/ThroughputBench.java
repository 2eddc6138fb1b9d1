package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedSidecar.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.testbed.BridgeBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: messages/s from the sidecar protocol into Matrix events, across 100 DM portals, through the real
 * bridge wiring into the fake homeserver (on loopback, SQLite). The scripted sidecar writes the protocol's
 * {@code message} event lines as fast as the bridge reads them. Run on demand:
 * {@code ./mvnw -B -o verify -pl bridge-whatsapp -am -Dtest=ThroughputBench -Dbench.excluded= -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NONE -Dfailsafe.failIfNoSpecifiedTests=false}
 */
@Tag("bench")
class ThroughputBench {

    private static final int CHATS = 100;
    private static final int PER_CHAT = 30;

    @Test
    void messagesPerSecondAcross100Chats() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench");
        ScriptedSidecar sidecar = new ScriptedSidecar();
        ScriptedSidecarProvider.current = sidecar;
        try (BridgeBed bed = new BridgeBed(dir, "whatsapp", "whatsappbot", "whatsapp_")) {
            bed.networkConfig().put("sidecar_launcher", "scripted");
            bed.start();
            bed.addLogin(BridgeBed.ALICE, new NewLogin(ScriptedBed.ALICE, "+" + ScriptedBed.ALICE, new byte[0]));
            sidecar.awaitRequest("session.open", r -> r.params().path("session").asText().equals(ScriptedBed.ALICE));
            // Warm-up: every portal exists before the clock starts.
            for (int c = 0; c < CHATS; c++) {
                sidecar.emit("message", ScriptedBed.ALICE, message(c, "warm"));
            }
            for (int c = 0; c < CHATS; c++) {
                bed.awaitMessage(chat(c), "warm " + c);
            }
            List<String> rooms = new ArrayList<>();
            for (int c = 0; c < CHATS; c++) {
                rooms.add(bed.portalRoom(chat(c)).orElseThrow());
            }
            long start = System.nanoTime();
            for (int i = 0; i < PER_CHAT; i++) {
                for (int c = 0; c < CHATS; c++) {
                    sidecar.emit("message", ScriptedBed.ALICE, message(c, "m" + i));
                }
            }
            String last = "m" + (PER_CHAT - 1);
            for (int c = 0; c < CHATS; c++) {
                int chatIndex = c;
                BridgeBed.until("the last message of chat " + c, () -> !bed.messages(rooms.get(chatIndex),
                        last + " " + chatIndex).isEmpty(), () -> "");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int total = CHATS * PER_CHAT;
            System.out.printf("BENCH whatsapp protocol → Matrix: %d messages across %d chats in %.2f s = %.0f messages/s%n",
                    total, CHATS, seconds, total / seconds);
        }
    }

    /** The connector alone: protocol lines → {@code RemoteEvent}s handed to the engine's sink. */
    @Test
    void connectorAloneMessagesPerSecond() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            int total = 50_000;
            for (int i = 0; i < 1000; i++) {
                bed.sidecar.emit("message", ScriptedBed.ALICE, message(i % CHATS, "w" + i));
            }
            alice.sink().await(dev.passerelle.core.spi.RemoteEvent.Message.class,
                    m -> m.messageId().equals("w999-" + (999 % CHATS)));
            int before = alice.sink().size();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                bed.sidecar.emit("message", ScriptedBed.ALICE, message(i % CHATS, "m" + i));
            }
            // A benchmark waits as long as it takes (a test would use BridgeBed.until).
            while (alice.sink().size() < before + total) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH whatsapp connector alone: %d messages in %.2f s = %.0f messages/s%n", total,
                    seconds, total / seconds);
        }
    }

    private static String chat(int c) {
        return "3361" + String.format("%07d", c);
    }

    private static ObjectNode message(int c, String text) {
        String jid = chat(c) + "@s.whatsapp.net";
        ObjectNode m = object().put("chat", jid).put("id", text + "-" + c).put("fromMe", false)
                .put("timestamp", System.currentTimeMillis()).put("sender", jid).put("pushName", "Contact " + c);
        m.putObject("content").put("kind", "text").put("text", text + " " + c);
        return m;
    }
}

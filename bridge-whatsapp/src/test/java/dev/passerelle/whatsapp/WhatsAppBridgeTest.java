package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.ALICE;
import static dev.passerelle.whatsapp.ScriptedBed.BOB;
import static dev.passerelle.whatsapp.ScriptedBed.BOB_LID;
import static dev.passerelle.whatsapp.ScriptedBed.GROUP;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.testbed.BridgeBed;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the real bridge wiring and the fake homeserver, with the scripted sidecar at the process boundary.
 * What a Matrix user sees.
 */
class WhatsAppBridgeTest {

    private static final String BOB_JID = BOB + "@s.whatsapp.net";
    private static final String BOB_LID_JID = BOB_LID + "@lid";
    private static final String BOB_GHOST = "@whatsapp_" + BOB + ":example.org";

    @TempDir
    Path dir;
    ScriptedSidecar sidecar;
    BridgeBed bed;

    @BeforeEach
    void start() {
        sidecar = new ScriptedSidecar();
        ScriptedSidecarProvider.current = sidecar;
        bed = new BridgeBed(dir, "whatsapp", "whatsappbot", "whatsapp_");
        bed.networkConfig().put("sidecar_launcher", "scripted").put("heartbeat_seconds", 1);
        bed.start();
        bed.addLogin(BridgeBed.ALICE, new NewLogin(ALICE, "+" + ALICE, new byte[0]));
        sidecar.awaitRequest("session.open", r -> r.params().path("session").asText().equals(ALICE));
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private ObjectNode message(String chat, String sender, String id, String text) {
        ObjectNode m = object().put("chat", chat).put("id", id).put("fromMe", false)
                .put("timestamp", 1_700_000_000_000L + id.hashCode() % 1000).put("sender", sender).put("pushName", "Bob");
        m.putObject("content").put("kind", "text").put("text", text);
        return m;
    }

    private void emit(ObjectNode message) {
        sidecar.emit("message", ALICE, message);
    }

    @Test
    void oneContactIsOneGhostAndOneDmPortalWhetherWhatsAppUsesThePhoneNumberOrTheLid() {
        emit(message(BOB_JID, BOB_JID, "M1", "by phone number"));
        ObjectNode first = bed.awaitMessage(BOB, "by phone number");
        ObjectNode lid = message(BOB_LID_JID, BOB_LID_JID, "M2", "by lid");
        lid.put("chatAlt", BOB_JID).put("senderAlt", BOB_JID);
        emit(lid);
        ObjectNode second = bed.awaitMessage(BOB, "by lid");
        emit(message(BOB_LID_JID, BOB_LID_JID, "M3", "lid alone"));
        ObjectNode third = bed.awaitMessage(BOB, "lid alone");

        assertEquals(1, bed.portalRooms(BOB), "one DM portal");
        assertEquals(BOB_GHOST, first.path("sender").asText());
        assertEquals(BOB_GHOST, second.path("sender").asText());
        assertEquals(BOB_GHOST, third.path("sender").asText());
        assertEquals(first.path("room_id"), third.path("room_id"));
    }

    @Test
    void whatsAppMarkupBecomesHtmlAndMatrixHtmlBecomesMarkup() {
        emit(message(BOB_JID, BOB_JID, "F1", "*bold* and _italic_"));
        ObjectNode event = bed.awaitMessage(BOB, "bold and italic");
        String html = event.path("content").path("formatted_body").asText();
        assertTrue(html.contains("<strong>bold</strong>") && html.contains("<em>italic</em>"), html);

        String room = bed.portalRoom(BOB).orElseThrow();
        bed.sendAs(BridgeBed.ALICE, room, "m.room.message", object().put("msgtype", "m.text").put("body", "hi there")
                .put("format", "org.matrix.custom.html").put("formatted_body", "<em>hi</em> <del>there</del>"));
        var sent = sidecar.awaitRequest("send.message", r -> true);
        assertEquals(BOB_JID, sent.params().path("chat").asText());
        assertEquals("_hi_ ~there~", sent.params().path("content").path("text").asText());
    }

    @Test
    void mentionsBothWays() {
        emit(message(BOB_JID, BOB_JID, "N1", "hello"));
        bed.awaitMessage(BOB, "hello");
        String room = bed.portalRoom(BOB).orElseThrow();
        bed.sendAs(BridgeBed.ALICE, room, "m.room.message", object().put("msgtype", "m.text").put("body", "Bob: look")
                .put("format", "org.matrix.custom.html").put("formatted_body",
                        "<a href=\"https://matrix.to/#/" + BOB_GHOST + "\">Bob</a>: look"));
        var sent = sidecar.awaitRequest("send.message", r -> true).params().path("content");
        assertEquals("@" + BOB + ": look", sent.path("text").asText());
        assertEquals(BOB_JID, sent.path("mentions").path(0).asText());

        // From WhatsApp, @<number> shows the person's name.
        ObjectNode mention = message(GROUP, BOB_JID, "N2", "thanks @" + ALICE + "!");
        mention.putArray("mentions").add(ALICE + "@s.whatsapp.net");
        sidecar.on("chat.info", r -> object().put("id", GROUP).put("name", "G"));
        emit(mention);
        ObjectNode shown = bed.awaitMessage(GROUP, "thanks @+" + ALICE + "!");
        // ... as a pill of their ghost.
        assertEquals("thanks <a href=\"https://matrix.to/#/@whatsapp_" + ALICE + ":example.org\">@+" + ALICE
                + "</a>!", shown.path("content").path("formatted_body").asText());
    }

    @Test
    void aGroupIsOneSharedPortalWithItsNameAndAdmins() {
        sidecar.on("chat.info", r -> {
            ObjectNode g = object().put("id", GROUP).put("name", "The team");
            var ps = g.putArray("participants");
            ps.addObject().put("id", ALICE + "@s.whatsapp.net").put("role", "member");
            ps.addObject().put("id", BOB_LID_JID).put("pn", BOB_JID).put("role", "admin");
            return g;
        });
        // LID-addressed groups: Baileys gives the sender's phone number alongside (key.participantAlt).
        emit(message(GROUP, BOB_LID_JID, "G1", "hello team").put("senderAlt", BOB_JID));
        ObjectNode event = bed.awaitMessage(GROUP, "hello team");
        assertEquals(BOB_GHOST, event.path("sender").asText(), "the LID member is the same ghost as by phone");
        emit(message(BOB_JID, BOB_JID, "D1", "and in private"));
        assertEquals(BOB_GHOST, bed.awaitMessage(BOB, "and in private").path("sender").asText());
        String room = bed.portalRoom(GROUP).orElseThrow();
        assertEquals("The team", bed.homeserver.state(room, "m.room.name", "").orElseThrow().path("content")
                .path("name").asText());
        var power = bed.homeserver.state(room, "m.room.power_levels", "").orElseThrow().path("content");
        assertTrue(power.path("users").path(BOB_GHOST).asInt() >= 50, power.toString());

        // Renamed on WhatsApp: the room follows.
        sidecar.on("chat.info", r -> object().put("id", GROUP).put("name", "The new team")
                .set("participants", ScriptedSidecar.JSON.createArrayNode()));
        sidecar.emit("group_changed", ALICE, object().put("chat", GROUP).put("action", "subject"));
        BridgeBed.until("the new name", () -> bed.homeserver.state(room, "m.room.name", "").orElseThrow()
                .path("content").path("name").asText().equals("The new team"), () -> "");
    }

    @Test
    void editsReactionsAndDeletionsFollowTheMessage() {
        emit(message(BOB_JID, BOB_JID, "E1", "first"));
        ObjectNode original = bed.awaitMessage(BOB, "first");
        String room = bed.portalRoom(BOB).orElseThrow();
        ObjectNode edit = object().put("chat", BOB_JID).put("sender", BOB_JID).put("target", "E1").put("fromMe", false)
                .put("timestamp", 1_700_000_010_000L);
        edit.putObject("content").put("kind", "text").put("text", "first!");
        sidecar.emit("edit", ALICE, edit);
        BridgeBed.until("the edit", () -> bed.events(room, "m.room.message").stream().anyMatch(e ->
                e.path("content").path("m.relates_to").path("rel_type").asText().equals("m.replace")
                        && e.path("content").path("m.new_content").path("body").asText().equals("first!")),
                () -> bed.events(room, "m.room.message").toString());
        sidecar.emit("reaction", ALICE, object().put("chat", BOB_JID).put("sender", BOB_JID).put("target", "E1")
                .put("emoji", "🎉").put("removed", false));
        BridgeBed.until("the reaction", () -> bed.events(room, "m.reaction").stream().anyMatch(e ->
                e.path("content").path("m.relates_to").path("key").asText().equals("🎉")
                        && e.path("content").path("m.relates_to").path("event_id").asText()
                        .equals(original.path("event_id").asText())), () -> bed.events(room, "m.reaction").toString());
        // WhatsApp takes a reaction back without naming it: Bob's reaction is redacted.
        String reaction = bed.events(room, "m.reaction").getFirst().path("event_id").asText();
        sidecar.emit("reaction", ALICE, object().put("chat", BOB_JID).put("sender", BOB_JID).put("target", "E1")
                .put("emoji", "").put("removed", true));
        BridgeBed.until("the reaction's redaction", () -> bed.events(room, "m.room.redaction").stream().anyMatch(e ->
                e.path("redacts").asText(e.path("content").path("redacts").asText()).equals(reaction)),
                () -> bed.events(room, "m.room.redaction").toString());
        sidecar.emit("delete", ALICE, object().put("chat", BOB_JID).put("sender", BOB_JID).put("target", "E1"));
        BridgeBed.until("the redaction", () -> bed.events(room, "m.room.redaction").stream().anyMatch(e ->
                e.path("redacts").asText(e.path("content").path("redacts").asText())
                        .equals(original.path("event_id").asText())), () -> bed.events(room, "m.room.redaction")
                .toString());
    }

    @Test
    void afterARestartTheLoginReconnectsAndWhatArrivesIsBridgedOnce() {
        emit(message(BOB_JID, BOB_JID, "R1", "before the restart"));
        bed.awaitMessage(BOB, "before the restart");
        bed.stopBridge();
        bed.start();
        sidecar.awaitRequest("session.open", r -> r.generation() == 2 && r.params().path("session").asText()
                .equals(ALICE));
        // On reconnect WhatsApp delivers what was missed, possibly with what was already bridged.
        emit(message(BOB_JID, BOB_JID, "R1", "before the restart"));
        emit(message(BOB_JID, BOB_JID, "R2", "while away"));
        emit(message(BOB_JID, BOB_JID, "R3", "after"));
        bed.awaitMessage(BOB, "after");
        String room = bed.portalRoom(BOB).orElseThrow();
        assertEquals(1, bed.messages(room, "before the restart").size(), "nothing doubled");
        assertEquals(1, bed.messages(room, "while away").size());
        var bodies = bed.events(room, "m.room.message").stream().map(e -> e.path("content").path("body").asText())
                .toList();
        assertTrue(bodies.indexOf("while away") < bodies.indexOf("after"), bodies.toString());
    }

    @Test
    void afterARestartAReactionToSomeonesGroupMessageStillNamesThem() {
        sidecar.on("chat.info", r -> object().put("id", GROUP).put("name", "G"));
        emit(message(GROUP, BOB_JID, "K1", "react to me"));
        ObjectNode bobs = bed.awaitMessage(GROUP, "react to me");
        String room = bed.portalRoom(GROUP).orElseThrow();
        bed.stopBridge();
        bed.start();
        sidecar.awaitRequest("session.open", r -> r.generation() == 2);
        ObjectNode reaction = object();
        reaction.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", bobs.path("event_id")
                .asText()).put("key", "👍");
        bed.sendAs(BridgeBed.ALICE, room, "m.reaction", reaction);
        var sent = sidecar.awaitRequest("send.reaction", r -> true).params();
        assertEquals("K1", sent.path("target").path("id").asText());
        assertEquals(BOB_JID, sent.path("target").path("participant").asText(), "WhatsApp needs the group sender");
        assertEquals(false, sent.path("target").path("fromMe").asBoolean());
    }

    @Test
    void aSidecarCrashInTheMiddleOfASendLosesNothing() {
        emit(message(BOB_JID, BOB_JID, "C1", "ping me"));
        bed.awaitMessage(BOB, "ping me");
        String room = bed.portalRoom(BOB).orElseThrow();
        AtomicBoolean crashed = new AtomicBoolean();
        sidecar.on("send.message", r -> {
            if (crashed.compareAndSet(false, true)) {
                sidecar.crash();
                return ScriptedSidecar.NO_ANSWER;
            }
            return object().put("id", r.params().path("messageId").asText()).put("timestamp", 1_700_000_100_000L);
        });
        bed.sendAs(BridgeBed.ALICE, room, "m.room.message", object().put("msgtype", "m.text").put("body", "pong"));
        BridgeBed.until("the send to be answered by the restarted sidecar",
                () -> sidecar.requests("send.message").size() == 2, () -> sidecar.requests().toString());
        var attempts = sidecar.requests("send.message");
        assertEquals(attempts.get(0).params().path("messageId"), attempts.get(1).params().path("messageId"));
        // Then WhatsApp echoes our message back: it is recognised as the one sent from Matrix, not shown twice.
        ObjectNode echo = message(BOB_JID, BOB_JID, attempts.get(1).params().path("messageId").asText(), "pong");
        echo.put("fromMe", true).remove("sender");
        emit(echo);
        emit(message(BOB_JID, BOB_JID, "C2", "got it"));
        bed.awaitMessage(BOB, "got it");
        assertEquals(1, bed.messages(room, "pong").size());
        assertTrue(bed.events(room, "m.room.message").stream().noneMatch(e -> e.path("content").path("msgtype")
                .asText().equals("m.notice")), "no failure notice");
    }
}

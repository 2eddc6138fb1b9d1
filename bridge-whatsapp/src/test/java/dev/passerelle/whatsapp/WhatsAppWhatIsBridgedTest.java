package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.BOB;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testbed.BridgeBed;
import dev.passerelle.testkit.homeserver.Events;
import dev.passerelle.testkit.homeserver.RecordedCall;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end, the items of "What is bridged" that other tests do not show through the bridge: contacts as a vCard
 * file, a live location's start, view-once as a notice, typing and recording both as typing (and Matrix typing to
 * WhatsApp), and {@code start-chat} by phone number, checked to be on WhatsApp first.
 */
class WhatsAppWhatIsBridgedTest extends ScriptedBridgeTest {

    private static final long T = 1_700_000_100_000L;

    private void bobSends(String id, ObjectNode content) {
        ObjectNode m = message(BOB_JID, BOB_JID, id, T, "");
        m.set("content", content);
        emit("message", m);
    }

    private ObjectNode awaitEvent(String room, String what, java.util.function.Predicate<ObjectNode> test) {
        BridgeBed.until(what, () -> bed.events(room, "m.room.message").stream().anyMatch(test::test),
                () -> bed.events(room, "m.room.message").toString());
        return bed.events(room, "m.room.message").stream().filter(test).findFirst().orElseThrow();
    }

    @Test
    void contactsALiveLocationAndViewOnceMedia() {
        String room = bobsRoom();
        ObjectNode contact = object().put("kind", "contacts");
        contact.putArray("contacts").addObject().put("name", "Carol")
                .put("vcard", "BEGIN:VCARD\nVERSION:3.0\nFN:Carol\nTEL:+33600000003\nEND:VCARD");
        bobSends("K1", contact);
        bobSends("L1", object().put("kind", "live_location").put("latitude", 48.85).put("longitude", 2.35)
                .put("caption", "on my way"));
        bobSends("V1", object().put("kind", "view_once"));

        ObjectNode card = awaitEvent(room, "the contact card",
                e -> e.path("content").path("msgtype").asText().equals("m.file"));
        assertEquals("Carol.vcf", card.path("content").path("body").asText());
        assertEquals("text/vcard", card.path("content").path("info").path("mimetype").asText());
        String vcf = new String(bed.homeserver.media(card.path("content").path("url").asText()).orElseThrow()
                .bytes(), StandardCharsets.UTF_8);
        assertTrue(vcf.contains("FN:Carol") && vcf.contains("TEL:+33600000003"), vcf);

        ObjectNode live = awaitEvent(room, "the live location",
                e -> e.path("content").path("msgtype").asText().equals("m.location"));
        assertEquals("geo:48.85,2.35", live.path("content").path("geo_uri").asText());
        assertTrue(live.path("content").path("body").asText().contains("Live location"), live.toString());
        assertTrue(live.path("content").path("body").asText().contains("on my way"), live.toString());

        ObjectNode viewOnce = awaitEvent(room, "the view-once notice",
                e -> e.path("content").path("body").asText().contains("View-once"));
        assertEquals("m.notice", viewOnce.path("content").path("msgtype").asText());
        assertTrue(viewOnce.path("content").path("url").isMissingNode(), "never the media");
    }

    private List<Boolean> bobTyping(String room) {
        return bed.homeserver.callsTo("PUT", "/typing/").stream()
                .filter(c -> c.decodedPath().contains(room))
                .filter(c -> c.user().orElse("").equals(BOB_GHOST))
                .map(RecordedCall::body).map(b -> b.orElseThrow().path("typing").asBoolean()).toList();
    }

    @Test
    void typingAndRecordingShowAsTypingAndMatrixTypingReachesWhatsApp() {
        String room = bobsRoom();
        sidecar.emit("typing", ScriptedBed.ALICE, object().put("chat", BOB_JID).put("sender", BOB_JID)
                .put("state", "recording"));
        BridgeBed.until("Bob typing while he records", () -> bobTyping(room).equals(List.of(true)),
                () -> bobTyping(room).toString());
        sidecar.emit("typing", ScriptedBed.ALICE, object().put("chat", BOB_JID).put("sender", BOB_JID)
                .put("state", "stopped"));
        BridgeBed.until("Bob stopped", () -> bobTyping(room).equals(List.of(true, false)),
                () -> bobTyping(room).toString());
        sidecar.emit("typing", ScriptedBed.ALICE, object().put("chat", BOB_JID).put("sender", BOB_JID)
                .put("state", "typing"));
        BridgeBed.until("Bob typing", () -> bobTyping(room).equals(List.of(true, false, true)),
                () -> bobTyping(room).toString());

        bed.pushEphemeral(Events.typing(room, List.of(BridgeBed.ALICE)));
        var sent = sidecar.awaitRequest("send.typing", r -> r.params().path("state").asText().equals("typing"));
        assertEquals(BOB_JID, sent.params().path("chat").asText());
    }

    @Test
    void startChatByPhoneNumberChecksItIsOnWhatsAppFirst() {
        sidecar.on("user.check", r -> r.params().path("phone").asText().equals(BOB)
                ? object().put("exists", true).put("id", BOB_JID)
                : object().put("exists", false));
        String management = managementRoom();

        say(management, "start-chat +33699999999");
        String refused = awaitBotSays(management, "'+33699999999'");
        assertTrue(refused.startsWith("No "), refused);
        assertTrue(sidecar.requests("user.check").stream()
                .anyMatch(r -> r.params().path("phone").asText().equals("33699999999")), "asked WhatsApp first");
        assertTrue(bed.portalRoom("33699999999").isEmpty(), "no room for a number that is not on WhatsApp");

        say(management, "start-chat +" + BOB);
        String started = awaitBotSays(management, "Started a chat");
        String room = bed.portalRoom(BOB).orElseThrow();
        assertTrue(started.contains(room), started);
        bed.sendAs(BridgeBed.ALICE, room, "m.room.message", object().put("msgtype", "m.text").put("body", "hi Bob"));
        assertEquals(BOB_JID, sidecar.awaitRequest("send.message",
                r -> r.params().path("content").path("text").asText().equals("hi Bob")).params().path("chat")
                .asText());
    }
}

package dev.passerelle.messenger;

import static dev.passerelle.messenger.MessengerBed.PAGE_GHOST;
import static dev.passerelle.messenger.MessengerBed.PAT;
import static dev.passerelle.messenger.MessengerBed.PAT_GHOST;
import static dev.passerelle.messenger.MetaWebhooks.attachment;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testbed.BridgeBed;
import dev.passerelle.testkit.homeserver.RecordedCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messenger → Matrix: every webhook event a Page receives, as Alice sees it in the portal. */
class MessengerToMatrixTest {

    @TempDir
    Path dir;
    private MessengerBed bed;
    private MetaWebhooks meta;

    @BeforeEach
    void start() throws Exception {
        bed = MessengerBed.withPageLoggedIn(dir);
        meta = bed.meta;
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void attachmentsOfEveryKindArriveWithTheirBytes() {
        bed.graph.addFile("photo.png", BridgeBed.PNG);
        bed.graph.addFile("clip.mp4", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
        bed.graph.addFile("voice.mp3", new byte[] {'I', 'D', '3', 4});
        bed.graph.addFile("menu.pdf", "%PDF-1.7".getBytes());
        bed.graph.addFile("369239263222822.png", BridgeBed.PNG);
        ObjectNode sticker = attachment("image", bed.graph.fileUrl("369239263222822.png"));
        ((ObjectNode) sticker.get("payload")).put("sticker_id", 369239263222822L);
        ObjectNode location = JSON().createObjectNode().put("type", "location").put("title", "The bakery");
        location.putObject("payload").putObject("coordinates").put("lat", 48.8566).put("long", 2.3522);
        ObjectNode link = JSON().createObjectNode().put("type", "fallback").put("title", "Our menu")
                .put("url", "https://example.com/menu");

        meta.send(meta.attachments(PAT, "m_files", Optional.of("Here are my files"), List.of(
                attachment("image", bed.graph.fileUrl("photo.png")), attachment("video", bed.graph.fileUrl("clip.mp4")),
                attachment("audio", bed.graph.fileUrl("voice.mp3")), attachment("file", bed.graph.fileUrl("menu.pdf")),
                sticker, location, link)));

        bed.awaitMessage(PAT, "Here are my files");
        String room = bed.patRoom();
        until("the seven attachments", () -> bed.events(room, "m.room.message").size()
                + bed.events(room, "m.sticker").size() == 8, () -> bed.homeserver.timeline(room).toString());
        List<ObjectNode> messages = bed.events(room, "m.room.message");
        assertEquals(List.of("m.text", "m.image", "m.video", "m.audio", "m.file", "m.location", "m.text"),
                messages.stream().map(e -> e.path("content").path("msgtype").asText()).toList());
        assertMedia(messages.get(1), "photo.png", "image/png", BridgeBed.PNG);
        assertMedia(messages.get(4), "menu.pdf", "application/pdf", "%PDF-1.7".getBytes());
        assertEquals("geo:48.8566,2.3522", messages.get(5).path("content").path("geo_uri").asText());
        assertEquals("Our menu\nhttps://example.com/menu", messages.get(6).path("content").path("body").asText());
        ObjectNode stickerEvent = bed.events(room, "m.sticker").getFirst();
        assertMedia(stickerEvent, "369239263222822.png", "image/png", BridgeBed.PNG);
        assertTrue(messages.stream().allMatch(e -> e.path("sender").asText().equals(PAT_GHOST)));
    }

    @Test
    void repliesQuickRepliesAndPostbacksAreText() {
        meta.send(meta.text(PAT, "m_q", "Do you deliver?"));
        String question = bed.awaitMessage(PAT, "Do you deliver?").path("event_id").asText();

        meta.send(meta.reply(PAT, "m_r", "I mean on Sundays", "m_q"));
        meta.send(meta.quickReply(PAT, "m_qr", "Yes please", "DELIVERY_YES"));
        meta.send(meta.postback(PAT, "m_pb", "Order now", "ORDER"));

        ObjectNode reply = bed.awaitMessage(PAT, "I mean on Sundays");
        assertEquals(question, reply.path("content").path("m.relates_to").path("m.in_reply_to").path("event_id")
                .asText());
        assertEquals(PAT_GHOST, bed.awaitMessage(PAT, "Yes please").path("sender").asText());
        assertEquals(PAT_GHOST, bed.awaitMessage(PAT, "Order now").path("sender").asText());
    }

    @Test
    void whatThePageSendsElsewhereIsShownAsThePageButTheBridgesOwnEchoIsNot() {
        meta.send(meta.text(PAT, "m_1", "Hi"));
        bed.awaitMessage(PAT, "Hi");

        meta.send(meta.echo(PAT, "m_echo_suite", "Answered from Business Suite", Optional.empty()),
                meta.echo(PAT, "m_echo_own", "sent by the bridge", Optional.of("passerelle")),
                meta.text(PAT, "m_2", "Thanks!"));

        ObjectNode fromSuite = bed.awaitMessage(PAT, "Answered from Business Suite");
        assertEquals(PAGE_GHOST, fromSuite.path("sender").asText());
        bed.awaitMessage(PAT, "Thanks!");
        assertEquals(List.of(), bed.messages(bed.patRoom(), "sent by the bridge"));
        until("the Page's ghost to be named", () -> bed.homeserver.profile(PAGE_GHOST).path("displayname").asText()
                .equals(MessengerBed.PAGE_NAME), () -> bed.homeserver.profile(PAGE_GHOST).toString());
    }

    @Test
    void reactionsEditsAndReadsFollow() {
        meta.send(meta.echo(PAT, "m_page", "Your order is ready", Optional.empty()));
        String pageEvent = bed.awaitMessage(PAT, "Your order is ready").path("event_id").asText();
        String room = bed.patRoom();
        meta.send(meta.text(PAT, "m_typo", "Thank yuo"));
        bed.awaitMessage(PAT, "Thank yuo");

        meta.send(meta.reaction(PAT, "m_page", "react", "❤️"));
        until("the reaction", () -> bed.events(room, "m.reaction").size() == 1, () -> "");
        ObjectNode reaction = bed.events(room, "m.reaction").getFirst();
        assertEquals(PAT_GHOST, reaction.path("sender").asText());
        assertEquals(pageEvent, reaction.path("content").path("m.relates_to").path("event_id").asText());
        assertEquals("❤️", reaction.path("content").path("m.relates_to").path("key").asText());

        // Meta's unreact names the message only: the emoji is the one Pat had put.
        meta.send(meta.reaction(PAT, "m_page", "unreact", ""));
        until("the reaction's removal", () -> bed.events(room, "m.room.redaction").stream()
                .anyMatch(e -> e.path("redacts").asText(e.path("content").path("redacts").asText())
                        .equals(reaction.path("event_id").asText())), () -> bed.homeserver.timeline(room).toString());

        meta.send(meta.edit(PAT, "m_typo", "Thank you"));
        until("the edit", () -> bed.events(room, "m.room.message").stream().anyMatch(e -> e.path("content")
                .path("m.new_content").path("body").asText().equals("Thank you")), () -> "");

        meta.send(meta.delivery(PAT, List.of("m_page"), meta.now()), meta.read(PAT, meta.now()));
        until("Pat's read receipt on the Page's message", () -> bed.homeserver.callsTo("POST",
                "/receipt/m.read/" + pageEvent).stream().anyMatch(c -> c.user().equals(Optional.of(PAT_GHOST))),
                () -> bed.homeserver.calls().all().stream().map(RecordedCall::decodedPath).toList().toString());
    }

    private void assertMedia(ObjectNode event, String fileName, String mimeType, byte[] bytes) {
        var content = event.path("content");
        assertEquals(mimeType, content.path("info").path("mimetype").asText(), content.toString());
        assertEquals(fileName, content.path("body").asText());
        assertArrayEquals(bytes, bed.homeserver.media(content.path("url").asText()).orElseThrow().bytes());
    }

    private static com.fasterxml.jackson.databind.ObjectMapper JSON() {
        return MetaWebhooks.JSON;
    }
}

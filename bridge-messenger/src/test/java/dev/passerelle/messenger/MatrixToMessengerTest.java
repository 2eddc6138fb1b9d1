package dev.passerelle.messenger;

import static dev.passerelle.messenger.MessengerBed.BOT;
import static dev.passerelle.messenger.MessengerBed.PAT;
import static dev.passerelle.testbed.BridgeBed.ALICE;
import static dev.passerelle.testbed.BridgeBed.JSON;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.messenger.FakeGraphApi.SendCall;
import dev.passerelle.testbed.BridgeBed;
import dev.passerelle.testkit.homeserver.Events;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matrix → Messenger: what Alice does in the portal, as the Send API receives it, and Meta's refusals. */
class MatrixToMessengerTest {

    @TempDir
    Path dir;
    private MessengerBed bed;

    @AfterEach
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    /** The bridge with Alice logged in and Pat's first message bridged; answers the portal. */
    private String portal(boolean humanAgentTag) throws Exception {
        bed = new MessengerBed(dir);
        bed.configure(humanAgentTag);
        bed.start();
        bed.loginPage(ALICE);
        bed.meta.send(bed.meta.text(PAT, "m_hello", "Hello!"));
        bed.awaitMessage(PAT, "Hello!");
        return bed.patRoom();
    }

    @Test
    void textAndRepliesGoThroughTheSendApi() throws Exception {
        String room = portal(false);
        String hello = bed.messages(room, "Hello!").getFirst().path("event_id").asText();

        String eventId = bed.sendAs(ALICE, room, "m.room.message", Events.textContent("We open at 8"))
                .path("event_id").asText();
        SendCall sent = awaitAccepted("We open at 8");
        assertEquals(MessengerBed.PAGE, sent.pageId());
        assertEquals(PAT, sent.request().path("recipient").path("id").asText());
        assertEquals("RESPONSE", sent.request().path("messaging_type").asText());
        until("the success status", () -> status(room, eventId).equals("SUCCESS"), () -> "");

        ObjectNode reply = Events.textContent("Yes, on Sundays too");
        reply.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", hello);
        bed.sendAs(ALICE, room, "m.room.message", reply);
        assertEquals("m_hello", awaitAccepted("Yes, on Sundays too").request().path("message").path("reply_to")
                .path("mid").asText());

        // The echo Meta sends of the bridge's own message is not bridged back.
        bed.meta.send(bed.meta.echo(PAT, sent.messageId().orElseThrow(), "We open at 8", Optional.of("passerelle")),
                bed.meta.text(PAT, "m_ok", "ok"));
        bed.awaitMessage(PAT, "ok");
        assertEquals(1, bed.messages(room, "We open at 8").size());
    }

    @Test
    void anImageIsUploadedFromTheMatrixMedia() throws Exception {
        String room = portal(false);
        String mxc = bed.upload(BridgeBed.PNG, "image/png");
        ObjectNode image = JSON.createObjectNode().put("msgtype", "m.image").put("body", "cake.png").put("url", mxc);
        image.putObject("info").put("mimetype", "image/png").put("size", BridgeBed.PNG.length);

        bed.sendAs(ALICE, room, "m.room.message", image);

        until("the upload", () -> bed.graph.accepted().stream().anyMatch(s -> s.file().isPresent()),
                () -> bed.graph.sends().toString());
        SendCall sent = bed.graph.accepted().stream().filter(s -> s.file().isPresent()).findFirst().orElseThrow();
        assertEquals("image", sent.request().path("message").path("attachment").path("type").asText());
        assertEquals(PAT, sent.request().path("recipient").path("id").asText());
        assertArrayEquals(BridgeBed.PNG, sent.file().orElseThrow());
        assertEquals("cake.png", sent.upload().orElseThrow().fileName());
        assertEquals("image/png", sent.upload().orElseThrow().contentType());
    }

    @Test
    void reactionsTypingAndReadsBecomeSenderActions() throws Exception {
        String room = portal(false);
        String hello = bed.messages(room, "Hello!").getFirst().path("event_id").asText();

        String reaction = bed.sendAs(ALICE, room, "m.reaction", reactionContent(hello, "👍")).path("event_id")
                .asText();
        SendCall react = awaitAction("react");
        assertEquals("m_hello", react.request().path("payload").path("message_id").asText());
        assertEquals("👍", react.request().path("payload").path("reaction").asText());

        ObjectNode redaction = JSON.createObjectNode().put("redacts", reaction);
        bed.sendAs(ALICE, room, "m.room.redaction", redaction);
        assertEquals("m_hello", awaitAction("unreact").request().path("payload").path("message_id").asText());

        bed.pushEphemeral(Events.typing(room, List.of(ALICE)));
        awaitAction("typing_on");
        bed.pushEphemeral(Events.typing(room, List.of()));
        awaitAction("typing_off");
        bed.pushEphemeral(Events.readReceipt(room, Map.of(ALICE, hello)));
        assertEquals(PAT, awaitAction("mark_seen").request().path("recipient").path("id").asText());

        // The webhook echo of the Page's own reaction does not come back as a second reaction.
        bed.meta.send(bed.meta.reaction(MessengerBed.PAGE, "m_hello", "react", "👍"), bed.meta.text(PAT, "m_x", "x"));
        bed.awaitMessage(PAT, "x");
        assertEquals(List.of(), bed.events(room, "m.reaction").stream()
                .filter(e -> e.path("sender").asText().startsWith("@messenger_")).toList());
    }

    @Test
    void outsideThe24HourWindowTheUserIsToldWhy() throws Exception {
        String room = portal(false);
        bed.graph.personWrote(PAT, Instant.now().minus(Duration.ofHours(25)));

        String eventId = bed.sendAs(ALICE, room, "m.room.message", Events.textContent("Sorry for the late answer"))
                .path("event_id").asText();

        ObjectNode notice = awaitNotice(room, "more than 24 hours ago");
        assertEquals(BOT, notice.path("sender").asText());
        assertTrue(notice.path("content").path("body").asText().contains("human_agent_tag"));
        until("the failed status", () -> status(room, eventId).equals("FAIL_PERMANENT"),
                () -> bed.events(room, "com.beeper.message_send_status").toString());
        assertEquals(List.of(), bed.graph.accepted());
        assertEquals("#10/2018278", bed.graph.sends().getLast().refused().orElseThrow().split(" ")[0]);
    }

    @Test
    void withTheHumanAgentTagAllowedTheAnswerIsTaggedWithinSevenDays() throws Exception {
        String room = portal(true);
        bed.graph.personWrote(PAT, Instant.now().minus(Duration.ofDays(3)));

        bed.sendAs(ALICE, room, "m.room.message", Events.textContent("Back from holidays"));

        SendCall sent = awaitAccepted("Back from holidays");
        assertEquals("MESSAGE_TAG", sent.request().path("messaging_type").asText());
        assertEquals("HUMAN_AGENT", sent.request().path("tag").asText());

        bed.graph.personWrote(PAT, Instant.now().minus(Duration.ofDays(8)));
        bed.sendAs(ALICE, room, "m.room.message", Events.textContent("Still there?"));
        awaitNotice(room, "more than 7 days ago");
    }

    @Test
    void rateLimitsAreRetriedAndPermanentErrorsShown() throws Exception {
        String room = portal(false);
        bed.graph.failNextSends(1, 400, 613, 0, "(#613) Calls to this api have exceeded the rate limit.");
        bed.graph.failNextSends(1, 400, 4, 0, "(#4) Application request limit reached");

        bed.sendAs(ALICE, room, "m.room.message", Events.textContent("Busy day"));
        awaitAccepted("Busy day");
        assertEquals(3, bed.graph.sends().stream().filter(s -> s.text().equals("Busy day")).count());

        bed.graph.failNextSends(1, 400, 100, 2018001, "(#100) No matching user found");
        bed.sendAs(ALICE, room, "m.room.message", Events.textContent("Hello?"));
        awaitNotice(room, "No matching user found");
    }

    @Test
    void aRevokedTokenMakesTheLoginBadCredentialsAndSaysWhereToGetANewOne() throws Exception {
        String room = portal(false);
        bed.graph.revoke(MessengerBed.TOKEN);

        bed.sendAs(ALICE, room, "m.room.message", Events.textContent("Anyone?"));

        ObjectNode notice = awaitNotice(room, "access token");
        assertTrue(notice.path("content").path("body").asText().contains("developers.facebook.com"),
                notice.toString());
        until("the login to be marked logged out", () -> !bed.passerelle().bridge()
                .client("messenger", MessengerBed.PAGE).orElseThrow().isLoggedIn(), () -> "");
        assertFalse(bed.passerelle().bridge().client("messenger", MessengerBed.PAGE).orElseThrow().isLoggedIn());
    }

    private SendCall awaitAccepted(String text) {
        until("'" + text + "' at the Send API", () -> bed.graph.accepted().stream().anyMatch(s -> s.text()
                .equals(text)), () -> bed.graph.sends().toString());
        return bed.graph.accepted().stream().filter(s -> s.text().equals(text)).findFirst().orElseThrow();
    }

    private SendCall awaitAction(String action) {
        until(action + " at the Send API", () -> bed.graph.accepted().stream().anyMatch(s -> s.senderAction()
                .equals(action)), () -> bed.graph.sends().toString());
        return bed.graph.accepted().stream().filter(s -> s.senderAction().equals(action)).findFirst().orElseThrow();
    }

    private ObjectNode awaitNotice(String room, String part) {
        until("a notice saying '" + part + "'", () -> notices(room).stream().anyMatch(n -> n.path("content")
                .path("body").asText().contains(part)), () -> notices(room).toString());
        return notices(room).stream().filter(n -> n.path("content").path("body").asText().contains(part))
                .findFirst().orElseThrow();
    }

    private List<ObjectNode> notices(String room) {
        return bed.events(room, "m.room.message").stream()
                .filter(e -> e.path("content").path("msgtype").asText().equals("m.notice")).toList();
    }

    private String status(String room, String eventId) {
        return bed.events(room, "com.beeper.message_send_status").stream()
                .filter(e -> e.path("content").path("m.relates_to").path("event_id").asText().equals(eventId))
                .map(e -> e.path("content").path("status").asText()).reduce((a, b) -> b).orElse("");
    }

    private static ObjectNode reactionContent(String eventId, String key) {
        ObjectNode content = JSON.createObjectNode();
        content.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", eventId).put("key", key);
        return content;
    }
}

package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.testkit.homeserver.Events;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestNetwork;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Matrix → network through the real bridge, the test network and a fake homeserver: what the network receives. */
class MatrixToNetworkTest extends AliceEngineTest {

    private static final String CAROL = "@carol:example.org";
    private static final String BOB_GHOST = "@testnet_bob:example.org";
    private static final String NETWORK_BOT = "@testnetbot:example.org";

    @Test
    void formattedTextReachesTheChatAndReportsSuccess() {
        String room = dmWithBob();
        ObjectNode event = bed.sendAs(EngineBed.ALICE, room, "m.room.message", html("hello world", "<b>hello</b> world"));

        OutgoingMessage sent = awaitSent("hello world");
        assertEquals("bob", sent.chatId());
        assertEquals(event.path("event_id").asText(), sent.eventId());
        MessageContent.Text text = assertInstanceOf(MessageContent.Text.class, sent.content());
        assertEquals(FormattedText.of("hello world", new Entity(0, 5, EntityType.BOLD)), text.text());
        assertEquals(Optional.empty(), sent.replyTo());

        ObjectNode status = awaitStatus(room, event.path("event_id").asText());
        assertEquals("SUCCESS", status.path("content").path("status").asText());
        assertEquals("testnet", status.path("content").path("network").asText());
        assertEquals(NETWORK_BOT, status.path("sender").asText());
    }

    @Test
    void aReplyCarriesTheRepliedMessage() {
        RemoteEvent.Message question = alice.message("bob", "bob", "coffee?");
        String questionEvent = bed.awaitMessage("bob", "coffee?").path("event_id").asText();
        String room = bed.portalRoom("bob").orElseThrow();

        ObjectNode reply = text("yes please");
        reply.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", questionEvent);
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", reply);

        assertEquals(Optional.of(new MessageTarget("bob", question.messageId())), awaitSent("yes please").replyTo());
    }

    @Test
    void anImageArrivesWithItsBytes() throws Exception {
        String room = dmWithBob();
        String mxc = bed.upload(EngineBed.PNG, "image/png");
        ObjectNode image = JSON.createObjectNode().put("msgtype", "m.image").put("body", "pic.png").put("url", mxc);
        image.putObject("info").put("mimetype", "image/png").put("size", EngineBed.PNG.length);
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", image);

        until("the image on the network", () -> !sentMessages().isEmpty(), () -> alice.sent().toString());
        MessageContent.Media media = assertInstanceOf(MessageContent.Media.class,
                sentMessages().getFirst().content());
        assertEquals(MessageContent.MediaKind.IMAGE, media.kind());
        assertEquals("pic.png", media.fileName());
        assertEquals("image/png", media.mimeType());
        try (InputStream in = media.media().open()) {
            assertArrayEquals(EngineBed.PNG, in.readAllBytes());
        }
    }

    @Test
    void aRefusalShowsANoticeAndAFailedSendStatus() {
        String room = dmWithBob();
        alice.failNextSend(new NetworkException("Chat is read-only", false));
        String eventId = bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("let me in")).path("event_id").asText();

        String expected = "Your message was not delivered to Test Network: Chat is read-only";
        until("the notice", () -> !bed.messages(room, expected).isEmpty(), () -> bed.homeserver.timeline(room)
                .toString());
        ObjectNode notice = bed.messages(room, expected).getFirst();
        assertEquals(NETWORK_BOT, notice.path("sender").asText());
        assertEquals("m.notice", notice.path("content").path("msgtype").asText());
        assertEquals(eventId, notice.path("content").path("m.relates_to").path("m.in_reply_to").path("event_id")
                .asText());

        ObjectNode status = (ObjectNode) awaitStatus(room, eventId).path("content");
        assertEquals("FAIL_PERMANENT", status.path("status").asText());
        assertEquals("m_foreign_network_error", status.path("reason").asText());
        assertEquals(expected, status.path("message").asText());
        assertEquals("m.reference", status.path("m.relates_to").path("rel_type").asText());
        assertTrue(sentMessages().isEmpty(), alice.sent().toString());
    }

    @Test
    void aTransientFailureIsRetriedAndTheMessageDelivered() {
        String room = dmWithBob();
        alice.failNextSend(new NetworkException("Test Network is not reachable", true));
        String eventId = bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("eventually")).path("event_id").asText();
        awaitSent("eventually");
        assertEquals("SUCCESS", awaitStatus(room, eventId).path("content").path("status").asText());
        assertTrue(bed.events(room, "m.room.message").stream()
                .noneMatch(e -> e.path("sender").asText().equals(NETWORK_BOT)), "no failure notice");
    }

    @Test
    void aUserWithoutALoginIsToldOnceAndNothingIsSent() {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice", "carol");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        String room = bed.portalRoom("g1").orElseThrow();

        bed.sendAs(CAROL, room, "m.room.message", text("can you hear me?"));
        bed.sendAs(CAROL, room, "m.room.message", text("hello?"));
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("marker"));
        awaitSent("marker");

        List<ObjectNode> notices = bed.events(room, "m.room.message").stream()
                .filter(e -> e.path("sender").asText().equals(NETWORK_BOT)).toList();
        assertEquals(1, notices.size(), notices.toString());
        String body = notices.getFirst().path("content").path("body").asText();
        assertTrue(body.contains("not logged in to Test Network") && body.contains("login"), body);
        assertEquals(List.of("marker"), sentMessages().stream().map(MatrixToNetworkTest::textOf).toList());
    }

    @Test
    void theSameEventHandedTwiceIsSentOnce() {
        String room = dmWithBob();
        ObjectNode once = bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("only once"));
        bed.push(once); // the homeserver sends it again in a new transaction
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("after"));
        awaitSent("after");
        assertEquals(List.of("only once", "after"),
                sentMessages().stream().map(MatrixToNetworkTest::textOf).toList());
    }

    @Test
    void theBridgesOwnMessagesAreNotEchoedBack() {
        String room = dmWithBob();
        bed.push(bed.messages(room, "hi").getFirst()); // the ghost's bridged message, pushed back as Synapse does
        bed.sendAs(BOB_GHOST, room, "m.room.message", text("as the ghost"));
        bed.sendAs(NETWORK_BOT, room, "m.room.message", text("as the bot"));
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("marker"));
        awaitSent("marker");
        assertEquals(List.of("marker"), sentMessages().stream().map(MatrixToNetworkTest::textOf).toList());
        // Nor answered: the bot did not tell its own users to log in.
        assertEquals(List.of(), bed.events(room, "m.room.message").stream()
                .filter(e -> e.path("content").path("msgtype").asText().equals("m.notice")).toList());
    }

    @Test
    void editsReactionsAndRedactionsFollow() {
        RemoteEvent.Message fromBob = alice.message("bob", "bob", "hi");
        String bobEvent = bed.awaitMessage("bob", "hi").path("event_id").asText();
        String room = bed.portalRoom("bob").orElseThrow();
        String typo = bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("typo")).path("event_id").asText();
        String typoId = awaitSentCall(SentCall.SendMessage.class).result().messageId();

        ObjectNode edit = text("* fixed");
        edit.set("m.new_content", text("fixed"));
        edit.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", typo);
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", edit);
        SentCall.SendEdit sentEdit = awaitSentCall(SentCall.SendEdit.class);
        assertEquals(new MessageTarget("bob", typoId), sentEdit.edit().target());
        assertEquals("", sentEdit.edit().partId());
        assertEquals("fixed", assertInstanceOf(MessageContent.Text.class, sentEdit.edit().newContent()).text().text());

        ObjectNode reaction = JSON.createObjectNode();
        reaction.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", bobEvent).put("key", "👍");
        String reactionEvent = bed.sendAs(EngineBed.ALICE, room, "m.reaction", reaction).path("event_id").asText();
        OutgoingReaction thumbs = new OutgoingReaction(new MessageTarget("bob", fromBob.messageId()), "👍");
        assertEquals(thumbs, awaitSentCall(SentCall.SendReaction.class).reaction());

        bed.sendAs(EngineBed.ALICE, room, "m.room.redaction", JSON.createObjectNode().put("redacts", reactionEvent));
        assertEquals(thumbs, awaitSentCall(SentCall.RemoveReaction.class).reaction());

        bed.sendAs(EngineBed.ALICE, room, "m.room.redaction", JSON.createObjectNode().put("redacts", typo));
        assertEquals(new MessageTarget("bob", typoId), awaitSentCall(SentCall.DeleteMessage.class).target());
    }

    @Test
    void typingAndReadReceiptsFollow() {
        RemoteEvent.Message fromBob = alice.message("bob", "bob", "hi");
        String bobEvent = bed.awaitMessage("bob", "hi").path("event_id").asText();
        String room = bed.portalRoom("bob").orElseThrow();

        bed.pushEphemeral(Events.typing(room, List.of(EngineBed.ALICE, BOB_GHOST)));
        until("typing", () -> alice.sent().contains(new SentCall.SetTyping("bob", true)), () -> alice.sent()
                .toString());
        bed.pushEphemeral(Events.typing(room, List.of()));
        until("typing to stop", () -> alice.sent().contains(new SentCall.SetTyping("bob", false)),
                () -> alice.sent().toString());
        assertEquals(2, alice.sent().stream().filter(c -> c instanceof SentCall.SetTyping).count());

        bed.pushEphemeral(Events.readReceipt(room, Map.of(EngineBed.ALICE, bobEvent, BOB_GHOST, bobEvent)));
        until("the receipt", () -> alice.sent().contains(
                new SentCall.MarkRead(new MessageTarget("bob", fromBob.messageId()))), () -> alice.sent().toString());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Bob writes "hi" to Alice, which creates their DM portal; returns its room. */
    private String dmWithBob() {
        alice.message("bob", "bob", "hi");
        bed.awaitMessage("bob", "hi");
        return bed.portalRoom("bob").orElseThrow();
    }

    private <T extends SentCall> T awaitSentCall(Class<T> type) {
        until(type.getSimpleName() + " on the network", () -> alice.sent().stream().anyMatch(type::isInstance),
                () -> alice.sent().toString());
        return alice.sent().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private ObjectNode awaitStatus(String room, String eventId) {
        until("the send status of " + eventId, () -> statusOf(room, eventId).isPresent(),
                () -> bed.homeserver.timeline(room).toString());
        return statusOf(room, eventId).orElseThrow();
    }

    private Optional<ObjectNode> statusOf(String room, String eventId) {
        return bed.events(room, "com.beeper.message_send_status").stream()
                .filter(e -> e.path("content").path("m.relates_to").path("event_id").asText().equals(eventId))
                .findFirst();
    }

    private static ObjectNode html(String body, String html) {
        return text(body).put("format", "org.matrix.custom.html").put("formatted_body", html);
    }
}

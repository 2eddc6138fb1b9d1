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
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestNetwork;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Relay mode through the real bridge: a logged-in user makes their login the relay of a group portal with
 * {@code set-relay}; Matrix users without a login are then sent through it, prefixed with their name.
 */
class RelayModeTest extends AliceEngineTest {

    private static final String CAROL = "@carol:example.org";
    private static final String DAVE = "@dave:example.org";
    private static final String NETWORK_BOT = "@testnetbot:example.org";

    private String room;

    @BeforeEach
    void start() throws Exception {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        room = bed.portalRoom("g1").orElseThrow();
        // Dave joins with a display name of his own in this room.
        bed.homeserver.sendAs(DAVE, room, "m.room.member", Optional.of(DAVE),
                JSON.createObjectNode().put("membership", "join").put("displayname", "Dave"));
    }

    @Test
    void usersWithoutALoginAreRelayedWithTheirNameUntilTheRelayIsUnset() throws Exception {
        command(EngineBed.ALICE, "set-relay");
        awaitBotSays("Relay mode is on");

        bed.sendAs(DAVE, room, "m.room.message", text("hello <b>all</b>")
                .put("format", "org.matrix.custom.html").put("formatted_body", "hello <b>all</b>")
                .put("body", "hello all"));
        OutgoingMessage relayed = awaitSent("Dave: hello all");
        MessageContent.Text text = assertInstanceOf(MessageContent.Text.class, relayed.content());
        assertEquals(FormattedText.of("Dave: hello all", new Entity(0, 4, EntityType.BOLD),
                new Entity(12, 3, EntityType.BOLD)), text.text());
        assertEquals(Optional.of("Dave"), relayed.relayedBy());
        assertEquals("g1", relayed.chatId());

        String mxc = bed.upload(EngineBed.PNG, "image/png");
        ObjectNode image = JSON.createObjectNode().put("msgtype", "m.image").put("body", "look")
                .put("filename", "pic.png").put("url", mxc);
        image.putObject("info").put("mimetype", "image/png").put("size", EngineBed.PNG.length);
        bed.sendAs(DAVE, room, "m.room.message", image);
        until("the relayed image", () -> sentMessages().stream().anyMatch(m -> m.content()
                instanceof MessageContent.Media), () -> alice.sent().toString());
        OutgoingMessage sentImage = sentMessages().stream().filter(m -> m.content() instanceof MessageContent.Media)
                .findFirst().orElseThrow();
        MessageContent.Media media = (MessageContent.Media) sentImage.content();
        assertEquals(FormattedText.of("Dave: look", new Entity(0, 4, EntityType.BOLD)), media.caption());
        assertEquals("pic.png", media.fileName());
        assertEquals(Optional.of("Dave"), sentImage.relayedBy());
        try (InputStream in = media.media().open()) {
            assertArrayEquals(EngineBed.PNG, in.readAllBytes());
        }

        // Dave's reaction is not relayed: he is told why, once.
        ObjectNode reaction = JSON.createObjectNode();
        reaction.putObject("m.relates_to").put("rel_type", "m.annotation")
                .put("event_id", bed.messages(room, "hi all").getFirst().path("event_id").asText()).put("key", "👍");
        bed.sendAs(DAVE, room, "m.reaction", reaction);
        awaitBotSays("reactions cannot be relayed");

        command(EngineBed.ALICE, "unset-relay");
        awaitBotSays("Relay mode is off");
        bed.sendAs(DAVE, room, "m.room.message", text("anyone there?"));
        awaitBotSays("you are not logged in to Test Network");
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("marker"));
        awaitSent("marker");
        assertEquals(List.of("Dave: hello all", "Dave: look", "marker"), sentMessages().stream()
                .map(RelayModeTest::textOf).toList());
        assertTrue(alice.sent().stream().noneMatch(c -> c instanceof SentCall.SendReaction), alice.sent()
                .toString());
    }

    @Test
    void aUserWithoutALoginInThePortalCannotSetTheRelay() {
        command(CAROL, "set-relay");
        awaitBotSays("You have no Test Network login in this chat");

        bed.sendAs(DAVE, room, "m.room.message", text("am I relayed?"));
        awaitBotSays("you are not logged in to Test Network");
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("marker"));
        awaitSent("marker");
        assertEquals(List.of("marker"), sentMessages().stream().map(RelayModeTest::textOf).toList());
    }

    @Test
    void onlySomeoneWithALoginOrAnAdminCanUnsetTheRelay() {
        command(EngineBed.ALICE, "set-relay");
        awaitBotSays("Relay mode is on");
        command(CAROL, "unset-relay");
        awaitBotSays("Only a user with a Test Network login in this chat");

        bed.sendAs(DAVE, room, "m.room.message", text("still relayed"));
        assertEquals(Optional.of("Dave"), awaitSent("Dave: still relayed").relayedBy());
    }

    @Test
    void relayedUsersEditAndDeleteTheirOwnMessagesOnly() {
        command(EngineBed.ALICE, "set-relay");
        awaitBotSays("Relay mode is on");
        String alicesEvent = bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("from alice")).path("event_id").asText();
        awaitSent("from alice");
        String typo = bed.sendAs(DAVE, room, "m.room.message", text("tpyo")).path("event_id").asText();
        String typoId = awaitSent("Dave: tpyo").eventId();
        assertEquals(typo, typoId);

        bed.sendAs(DAVE, room, "m.room.message", edit(alicesEvent, "hijacked"));
        awaitBotSays("you can only edit your own messages");
        bed.sendAs(DAVE, room, "m.room.message", edit(typo, "typo"));
        until("the relayed edit", () -> alice.sent().stream().anyMatch(c -> c instanceof SentCall.SendEdit),
                () -> alice.sent().toString());
        List<SentCall.SendEdit> edits = alice.sent().stream().filter(c -> c instanceof SentCall.SendEdit)
                .map(c -> (SentCall.SendEdit) c).toList();
        assertEquals(1, edits.size(), edits.toString());
        assertEquals(FormattedText.of("Dave: typo", new Entity(0, 4, EntityType.BOLD)),
                assertInstanceOf(MessageContent.Text.class, edits.getFirst().edit().newContent()).text());

        bed.sendAs(DAVE, room, "m.room.redaction", JSON.createObjectNode().put("redacts", alicesEvent));
        bed.sendAs(DAVE, room, "m.room.redaction", JSON.createObjectNode().put("redacts", typo));
        until("the relayed delete", () -> alice.sent().stream().anyMatch(c -> c instanceof SentCall.DeleteMessage),
                () -> alice.sent().toString());
        List<SentCall.DeleteMessage> deletes = alice.sent().stream().filter(c -> c instanceof SentCall.DeleteMessage)
                .map(c -> (SentCall.DeleteMessage) c).toList();
        assertEquals(1, deletes.size(), deletes.toString());
        assertEquals(edits.getFirst().edit().target(), deletes.getFirst().target());
    }

    @Test
    void relayedPollsCarryTheNameButVotesAndInvitesAreNotRelayed() {
        command(EngineBed.ALICE, "set-relay");
        awaitBotSays("Relay mode is on");
        ObjectNode poll = JSON.createObjectNode();
        var start = poll.putObject("org.matrix.msc3381.poll.start");
        start.putObject("question").put("org.matrix.msc1767.text", "Cinema?");
        start.put("max_selections", 1).putArray("answers")
                .add(JSON.createObjectNode().put("id", "y").put("org.matrix.msc1767.text", "Yes"))
                .add(JSON.createObjectNode().put("id", "n").put("org.matrix.msc1767.text", "No"));
        bed.sendAs(DAVE, room, "org.matrix.msc3381.poll.start", poll);
        until("the relayed poll", () -> sentMessages().stream().anyMatch(m -> m.content()
                instanceof MessageContent.Poll), () -> alice.sent().toString());
        MessageContent.Poll sent = (MessageContent.Poll) sentMessages().stream()
                .filter(m -> m.content() instanceof MessageContent.Poll).findFirst().orElseThrow().content();
        assertEquals("Dave: Cinema?", sent.question().text());

        var bobsPoll = alice.poll("g1", "bob", "Tea?", "Yes", "No");
        until("Bob's poll in the room", () -> !bed.events(room, "org.matrix.msc3381.poll.start").stream()
                .filter(e -> e.path("sender").asText().equals("@testnet_bob:example.org")).toList().isEmpty(),
                () -> bed.homeserver.timeline(room).toString());
        String bobsPollEvent = bed.events(room, "org.matrix.msc3381.poll.start").stream()
                .filter(e -> e.path("sender").asText().equals("@testnet_bob:example.org")).findFirst().orElseThrow()
                .path("event_id").asText();
        ObjectNode vote = JSON.createObjectNode();
        vote.putObject("m.relates_to").put("rel_type", "m.reference").put("event_id", bobsPollEvent);
        vote.putObject("org.matrix.msc3381.poll.response").putArray("answers").add("0");
        bed.sendAs(DAVE, room, "org.matrix.msc3381.poll.response", vote);
        awaitBotSays("votes cannot be relayed");

        // Adding people is an admin's act of one's own account: the relay is not used for it.
        bed.push(bed.homeserver.sendAs(DAVE, room, "m.room.member", Optional.of("@testnet_carol:example.org"),
                JSON.createObjectNode().put("membership", "invite")));
        awaitBotSays("carol was not added to the chat on Test Network: you are not logged in");
        assertTrue(alice.sent().stream().noneMatch(c -> c instanceof SentCall.Vote
                || c instanceof SentCall.AddMember), alice.sent() + " " + bobsPoll);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void command(String sender, String word) {
        bed.sendAs(sender, room, "m.room.message", text("!tn " + word));
    }

    private void awaitBotSays(String part) {
        until("the bot to say '" + part + "'", () -> bed.events(room, "m.room.message").stream()
                .anyMatch(e -> e.path("sender").asText().equals(NETWORK_BOT)
                        && e.path("content").path("body").asText().contains(part)),
                () -> bed.homeserver.timeline(room).toString());
    }

    private static ObjectNode edit(String eventId, String newText) {
        ObjectNode edit = text("* " + newText);
        edit.set("m.new_content", text(newText));
        edit.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", eventId);
        return edit;
    }
}

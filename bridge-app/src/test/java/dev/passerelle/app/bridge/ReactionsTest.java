package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reactions on networks with one reaction per person (the test network's default, like WhatsApp and Messenger) and
 * with several (like Telegram): what Matrix shows when they change on either side.
 */
class ReactionsTest extends AliceEngineTest {

    private static final String BOB_GHOST = "@testnet_bob:example.org";
    private static final String CAROL_GHOST = "@testnet_carol:example.org";

    @Test
    void aRemovalThatNamesNoEmojiTakesTheSendersReactionAway() {
        RemoteEvent.Message hi = alice.message("bob", "bob", "hi");
        String room = bed.awaitMessage("bob", "hi").path("room_id").asText();
        alice.react("bob", "bob", hi.messageId(), "👍");
        String thumbs = awaitReaction(room, BOB_GHOST, "👍");

        alice.unreactAll("bob", "bob", hi.messageId());

        awaitRedacted(room, thumbs);
    }

    @Test
    void onANetworkWithSeveralReactionsEveryOneOfTheSendersGoesAndNoOneElses() throws Exception {
        // A bridge of its own, on a network configured like Telegram.
        bed.close();
        bed = EngineBed.withAliceLoggedIn(java.nio.file.Files.createDirectories(dir.resolve("several")), homeserver,
                b -> b.networkConfig().put("max_reactions", 20));
        alice = TestNetwork.login("alice");
        TestNetwork.addGroup("g1", "Friends", "bob", "alice", "carol");
        RemoteEvent.Message hi = alice.message("g1", "alice", "who is in?");
        String room = bed.awaitMessage("g1", "who is in?").path("room_id").asText();
        alice.react("g1", "bob", hi.messageId(), "👍");
        alice.react("g1", "bob", hi.messageId(), "❤️");
        alice.react("g1", "carol", hi.messageId(), "👍");
        String bobThumbs = awaitReaction(room, BOB_GHOST, "👍");
        String bobHeart = awaitReaction(room, BOB_GHOST, "❤️");
        String carolThumbs = awaitReaction(room, CAROL_GHOST, "👍");

        alice.unreactAll("g1", "bob", hi.messageId());

        awaitRedacted(room, bobThumbs);
        awaitRedacted(room, bobHeart);
        // Same portal queue: had Carol's reaction been taken too, it would be redacted by now.
        assertFalse(redacted(room).contains(carolThumbs), "Carol's reaction stays");
    }

    @Test
    void aSecondMatrixReactionReplacesTheFirstOnOneReactionNetworks() {
        RemoteEvent.Message hi = alice.message("bob", "bob", "lunch?");
        ObjectNode message = bed.awaitMessage("bob", "lunch?");
        String room = message.path("room_id").asText();
        String thumbs = react(room, message.path("event_id").asText(), "👍");
        awaitSentReactions(1);
        String heart = react(room, message.path("event_id").asText(), "❤️");
        awaitSentReactions(2);

        // The network now shows only the heart; so does Matrix: the thumbs is redacted (by the bot: no puppet).
        awaitRedacted(room, thumbs);
        ObjectNode redaction = bed.events(room, "m.room.redaction").stream()
                .filter(r -> r.path("content").path("redacts").asText().equals(thumbs)).findFirst().orElseThrow();
        assertEquals(EngineBed.BOT, redaction.path("sender").asText());
        assertFalse(redacted(room).contains(heart));
        assertEquals(new OutgoingReaction(new MessageTarget("bob", hi.messageId()), "❤️"),
                sentReactions().getLast());

        // The redaction's echo changes nothing on the network; removing the heart removes it there.
        bed.push(redaction);
        bed.sendAs(EngineBed.ALICE, room, "m.room.redaction", JSON.createObjectNode().put("redacts", heart));
        until("the heart removed on the network", () -> alice.sent().stream()
                .anyMatch(c -> c instanceof SentCall.RemoveReaction), () -> alice.sent().toString());
        assertEquals(List.of(new OutgoingReaction(new MessageTarget("bob", hi.messageId()), "❤️")),
                alice.sent().stream().filter(c -> c instanceof SentCall.RemoveReaction)
                        .map(c -> ((SentCall.RemoveReaction) c).reaction()).toList());
    }

    private String react(String room, String target, String emoji) {
        ObjectNode reaction = JSON.createObjectNode();
        reaction.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", target).put("key", emoji);
        return bed.sendAs(EngineBed.ALICE, room, "m.reaction", reaction).path("event_id").asText();
    }

    private List<OutgoingReaction> sentReactions() {
        return alice.sent().stream().filter(c -> c instanceof SentCall.SendReaction)
                .map(c -> ((SentCall.SendReaction) c).reaction()).toList();
    }

    private void awaitSentReactions(int count) {
        until(count + " reactions on the network", () -> sentReactions().size() >= count,
                () -> alice.sent().toString());
    }

    private String awaitReaction(String room, String sender, String emoji) {
        until(sender + "'s " + emoji + " in " + room, () -> reaction(room, sender, emoji).isPresent(),
                () -> bed.events(room, "m.reaction").toString());
        return reaction(room, sender, emoji).orElseThrow();
    }

    private java.util.Optional<String> reaction(String room, String sender, String emoji) {
        return bed.events(room, "m.reaction").stream()
                .filter(e -> e.path("sender").asText().equals(sender))
                .filter(e -> e.path("content").path("m.relates_to").path("key").asText().equals(emoji))
                .map(e -> e.path("event_id").asText()).findFirst();
    }

    private List<String> redacted(String room) {
        return bed.events(room, "m.room.redaction").stream().map(r -> r.path("content").path("redacts").asText())
                .toList();
    }

    private void awaitRedacted(String room, String eventId) {
        until(eventId + " redacted", () -> redacted(room).contains(eventId), () -> redacted(room).toString());
    }
}

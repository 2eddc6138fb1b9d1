package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.ALICE;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.config.DoublePuppetConfig;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.testkit.homeserver.Events;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestAccount;
import dev.passerelle.testnet.TestLogin;
import dev.passerelle.testnet.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Double puppeting: with {@code double_puppet.secrets} for the user's server, what Alice does in the network's own
 * app (sent from her phone) appears in Matrix from her real account, and her reads there mark her Matrix reads;
 * their echoes are not carried back. Without a secret for her server, a ghost of herself does it.
 */
@ParameterizedClass
@EnumSource(EngineBed.Homeserver.class)
class DoublePuppetTest {

    @Parameter
    EngineBed.Homeserver homeserver;

    private static final String PUPPET_TOKEN = "double-puppet-appservice-token-0123456789";
    private static final String ALICE_GHOST = "@testnet_alice:example.org";

    @TempDir
    Path dir;
    private EngineBed bed;
    private TestLogin alice;

    @AfterEach
    void stop() {
        bed.close();
    }

    private void start(DoublePuppetConfig config) throws Exception {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", EngineBed.ALICE_PHONE));
        TestNetwork.addAccount(TestAccount.of("bob", "Bob", "+33600000002"));
        bed = new EngineBed(dir, homeserver);
        bed.homeserver.addDoublePuppetAppservice(PUPPET_TOKEN);
        bed.homeserver.registerUser(ALICE);
        bed.doublePuppet(config);
        bed.start();
        bed.login(ALICE, EngineBed.ALICE_PHONE);
        alice = TestNetwork.login("alice");
    }

    @Test
    void aMatrixReactionReplacedOnTheNetworkIsRedactedByTheRealAccount() throws Exception {
        start(new DoublePuppetConfig(Map.of("example.org", "as_token:" + PUPPET_TOKEN)));
        alice.message("bob", "bob", "lunch?");
        ObjectNode message = bed.awaitMessage("bob", "lunch?");
        String room = message.path("room_id").asText();
        bed.push(bed.homeserver.sendAs(ALICE, room, "m.room.member", Optional.of(ALICE),
                EngineBed.JSON.createObjectNode().put("membership", "join")));
        String thumbs = react(room, message.path("event_id").asText(), "👍");
        until("the first reaction on the network", () -> reactionsSent() == 1, () -> alice.sent().toString());
        react(room, message.path("event_id").asText(), "❤️");
        until("the second reaction on the network", () -> reactionsSent() == 2, () -> alice.sent().toString());

        // The test network keeps one reaction per person: Alice's thumbs goes, redacted by her own account.
        until("the thumbs redacted", () -> bed.events(room, "m.room.redaction").stream()
                .anyMatch(r -> r.path("content").path("redacts").asText().equals(thumbs)),
                () -> bed.events(room, "m.room.redaction").toString());
        ObjectNode redaction = bed.events(room, "m.room.redaction").stream()
                .filter(r -> r.path("content").path("redacts").asText().equals(thumbs)).findFirst().orElseThrow();
        assertEquals(ALICE, redaction.path("sender").asText());
    }

    private String react(String room, String target, String emoji) {
        ObjectNode reaction = EngineBed.JSON.createObjectNode();
        reaction.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", target).put("key", emoji);
        return bed.sendAs(ALICE, room, "m.reaction", reaction).path("event_id").asText();
    }

    private long reactionsSent() {
        return alice.sent().stream().filter(c -> c instanceof SentCall.SendReaction).count();
    }

    @Test
    void ownMessagesEditsReactionsAndReadsComeFromTheRealAccount() throws Exception {
        start(new DoublePuppetConfig(Map.of("example.org", "as_token:" + PUPPET_TOKEN)));
        var fromBob = alice.message("bob", "bob", "hi Alice");
        String bobEvent = bed.awaitMessage("bob", "hi Alice").path("event_id").asText();
        String room = bed.portalRoom("bob").orElseThrow();

        var mine = alice.message("bob", "alice", "sent from my phone");
        ObjectNode sent = bed.awaitMessage("bob", "sent from my phone");
        assertEquals(ALICE, sent.path("sender").asText());
        assertEquals("passerelle", sent.path("content").path("fi.mau.double_puppet_source").asText());
        assertTrue(bed.homeserver.members(room, "join").contains(ALICE), "Alice's account joined the portal");

        alice.edit("bob", "alice", mine.messageId(), "sent from my phone, edited");
        until("the edit", () -> bed.events(room, "m.room.message").stream().anyMatch(e -> e.path("content")
                .path("m.new_content").path("body").asText().equals("sent from my phone, edited")),
                () -> bed.homeserver.timeline(room).toString());
        ObjectNode edit = bed.events(room, "m.room.message").getLast();
        assertEquals(ALICE, edit.path("sender").asText());

        alice.react("bob", "alice", fromBob.messageId(), "👍");
        until("the reaction", () -> !bed.events(room, "m.reaction").isEmpty(), () -> "");
        ObjectNode reaction = bed.events(room, "m.reaction").getFirst();
        assertEquals(ALICE, reaction.path("sender").asText());
        alice.unreact("bob", "alice", fromBob.messageId(), "👍");
        until("the reaction's removal", () -> bed.events(room, "m.room.redaction").stream().anyMatch(e ->
                e.path("redacts").asText(e.path("content").path("redacts").asText())
                        .equals(reaction.path("event_id").asText())), () -> bed.homeserver.timeline(room).toString());

        alice.read("bob", "alice", fromBob.messageId());
        until("Alice's own read receipt", () -> bed.homeserver.callsTo("POST", "/receipt/m.read/" + bobEvent)
                .stream().anyMatch(c -> c.user().equals(Optional.of(ALICE))), () -> "");

        // The homeserver echoes all of it back to the bridge: none of it goes to the network again.
        bed.push(sent);
        bed.push(edit);
        bed.push(reaction);
        bed.pushEphemeral(Events.readReceipt(room, Map.of(ALICE, bobEvent)));
        bed.say(ALICE, room, "marker");
        until("the marker on the network", () -> alice.sent().stream().anyMatch(c -> c instanceof SentCall.SendMessage),
                () -> alice.sent().toString());
        assertEquals(List.of("marker"), alice.sent().stream().filter(c -> c instanceof SentCall.SendMessage)
                .map(c -> ((SentCall.SendMessage) c).message().content() instanceof MessageContent.Text t
                        ? t.text().text() : "").toList(), alice.sent().toString());
        assertTrue(alice.sent().stream().noneMatch(c -> c instanceof SentCall.MarkRead
                || c instanceof SentCall.SendEdit || c instanceof SentCall.SendReaction), alice.sent().toString());
        assertTrue(bed.messages(room, "sent from my phone").stream().noneMatch(e -> e.path("sender").asText()
                .equals(ALICE_GHOST)), "no ghost of Alice speaks");

        // A read made in Matrix afterwards still reaches the network.
        bed.pushEphemeral(Events.readReceipt(room, Map.of(ALICE, bobEvent)));
        until("Alice's Matrix read on the network", () -> alice.sent().stream()
                .anyMatch(c -> c instanceof SentCall.MarkRead), () -> alice.sent().toString());
    }

    @Test
    void withoutASecretForHerServerAGhostOfHerselfSpeaks() throws Exception {
        start(new DoublePuppetConfig(Map.of("other.org", "as_token:" + PUPPET_TOKEN)));
        alice.message("bob", "bob", "hi Alice");
        bed.awaitMessage("bob", "hi Alice");
        alice.message("bob", "alice", "sent from my phone");
        ObjectNode sent = bed.awaitMessage("bob", "sent from my phone");
        assertEquals(ALICE_GHOST, sent.path("sender").asText());
        assertTrue(sent.path("content").path("fi.mau.double_puppet_source").isMissingNode());
    }
}

package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.testkit.homeserver.RecordedCall;
import dev.passerelle.testnet.TestLogin;
import dev.passerelle.testnet.TestNetwork;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Network → Matrix through the real bridge, the test network and a fake homeserver: what a Matrix user sees. */
class NetworkToMatrixTest extends AliceEngineTest {

    private static final String BOB_GHOST = "@testnet_bob:example.org";

    @Test
    void aDmMessageCreatesThePortalAndAppearsAsTheGhost() {
        RemoteEvent.Message sent = TestNetwork.login("alice").message("bob", "bob", List.of(MessagePart.only(
                new MessageContent.Text(FormattedText.of("hello there", new Entity(0, 5, EntityType.BOLD)),
                        MessageContent.TextKind.NORMAL))), Optional.empty());
        ObjectNode event = bed.awaitMessage("bob", "hello there");
        String room = bed.portalRoom("bob").orElseThrow();

        assertEquals(BOB_GHOST, event.path("sender").asText());
        assertEquals(sent.timestamp().toEpochMilli(), event.path("origin_server_ts").asLong());
        assertEquals("<strong>hello</strong> there", event.path("content").path("formatted_body").asText());

        ObjectNode bridgeInfo = (ObjectNode) bed.homeserver.state(room, "m.bridge", "dev.passerelle://testnet/bob")
                .orElseThrow().path("content");
        assertEquals("@testnetbot:example.org", bridgeInfo.path("bridgebot").asText());
        assertEquals("testnet", bridgeInfo.path("protocol").path("id").asText());
        assertEquals("Test Network", bridgeInfo.path("protocol").path("displayname").asText());
        assertEquals("bob", bridgeInfo.path("channel").path("id").asText());
        assertTrue(bed.homeserver.state(room, "uk.half-shot.bridge", "dev.passerelle://testnet/bob").isPresent());

        ObjectNode invite = bed.homeserver.state(room, "m.room.member", EngineBed.ALICE).orElseThrow();
        assertEquals("invite", invite.path("content").path("membership").asText());
        assertTrue(invite.path("content").path("is_direct").asBoolean(), invite.toString());
        assertTrue(bed.homeserver.members(room, "join").contains(BOB_GHOST));
        assertEquals("Bob", bed.homeserver.state(room, "m.room.name", "").orElseThrow()
                .path("content").path("name").asText());

        ObjectNode profile = bed.homeserver.profile(BOB_GHOST);
        assertEquals("Bob", profile.path("displayname").asText());
        String avatar = profile.path("avatar_url").asText();
        assertArrayEquals(EngineBed.PNG, bed.homeserver.media(avatar).orElseThrow().bytes());
    }

    @Test
    void aGroupGetsOneRoomWithMembersAndPowerLevels() throws Exception {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice", "carol");
        TestNetwork.login("alice").message("g1", "carol", "hi all");
        bed.awaitMessage("g1", "hi all");
        String room = bed.portalRoom("g1").orElseThrow();

        assertEquals("Friends", bed.homeserver.state(room, "m.room.name", "").orElseThrow()
                .path("content").path("name").asText());
        List<String> joined = bed.homeserver.members(room, "join");
        assertTrue(joined.containsAll(List.of("@testnetbot:example.org", BOB_GHOST, "@testnet_carol:example.org")),
                joined.toString());
        assertTrue(bed.homeserver.members(room, "invite").contains(EngineBed.ALICE));
        ObjectNode users = (ObjectNode) bed.homeserver.state(room, "m.room.power_levels", "").orElseThrow()
                .path("content").path("users");
        assertEquals(100, users.path("@testnetbot:example.org").asInt());
        assertEquals(95, users.path(BOB_GHOST).asInt());

        // Carol logs in too: the same group is the same room, and she is invited to it.
        bed.login("@carol:example.org", "+33600000003");
        TestNetwork.login("carol").message("g1", "bob", "welcome carol");
        bed.awaitMessage("g1", "welcome carol");
        assertEquals(1, bed.portalRooms("g1"));
        until("carol to be invited", () -> bed.homeserver.members(room, "invite").contains("@carol:example.org"),
                () -> bed.homeserver.members(room, "invite").toString());
    }

    @Test
    void theSameEventTwiceAppearsOnce() {
        TestLogin alice = TestNetwork.login("alice");
        RemoteEvent.Message once = alice.message("bob", "bob", "only once");
        alice.emit(once);
        alice.message("bob", "bob", "after");
        bed.awaitMessage("bob", "after");
        String room = bed.portalRoom("bob").orElseThrow();
        assertEquals(1, bed.messages(room, "only once").size());
    }

    @Test
    void aReplyPointsAtTheBridgedEvent() {
        TestLogin alice = TestNetwork.login("alice");
        RemoteEvent.Message question = alice.message("bob", "bob", "coffee?");
        ObjectNode questionEvent = bed.awaitMessage("bob", "coffee?");
        alice.message("bob", "alice", List.of(MessagePart.only(new MessageContent.Text(FormattedText.plain("yes"),
                MessageContent.TextKind.NORMAL))), Optional.of(question.messageId()));
        ObjectNode answer = bed.awaitMessage("bob", "yes");
        assertEquals(questionEvent.path("event_id").asText(),
                answer.path("content").path("m.relates_to").path("m.in_reply_to").path("event_id").asText());
        // Alice's own message from her phone is sent by her ghost (no double puppeting yet).
        assertEquals("@testnet_alice:example.org", answer.path("sender").asText());
    }

    @Test
    void editsReactionsDeletionsReceiptsAndTypingFollow() {
        TestLogin alice = TestNetwork.login("alice");
        RemoteEvent.Message m = alice.message("bob", "bob", "typo");
        ObjectNode original = bed.awaitMessage("bob", "typo");
        String room = bed.portalRoom("bob").orElseThrow();
        String eventId = original.path("event_id").asText();

        alice.edit("bob", "bob", m.messageId(), "fixed");
        ObjectNode edit = bed.awaitMessage("bob", "* fixed");
        assertEquals("m.replace", edit.path("content").path("m.relates_to").path("rel_type").asText());
        assertEquals(eventId, edit.path("content").path("m.relates_to").path("event_id").asText());
        assertEquals("fixed", edit.path("content").path("m.new_content").path("body").asText());

        alice.react("bob", "bob", m.messageId(), "👍");
        until("the reaction", () -> bed.events(room, "m.reaction").size() == 1, () -> "");
        ObjectNode reaction = bed.events(room, "m.reaction").getFirst();
        assertEquals(BOB_GHOST, reaction.path("sender").asText());
        assertEquals("👍", reaction.path("content").path("m.relates_to").path("key").asText());
        assertEquals(eventId, reaction.path("content").path("m.relates_to").path("event_id").asText());

        // One reaction per user on this network: a new one replaces the old.
        alice.react("bob", "bob", m.messageId(), "❤️");
        until("the replaced reaction", () -> redactionsOf(room, reaction.path("event_id").asText()) == 1
                && bed.events(room, "m.reaction").size() == 2, () -> bed.homeserver.timeline(room).toString());
        String heart = bed.events(room, "m.reaction").getLast().path("event_id").asText();
        alice.unreact("bob", "bob", m.messageId(), "❤️");
        until("the reaction's removal", () -> redactionsOf(room, heart) == 1, () -> "");

        alice.read("bob", "bob", m.messageId());
        until("bob's read receipt", () -> calls("POST", "/receipt/m.read/" + eventId).stream()
                .anyMatch(c -> c.user().equals(Optional.of(BOB_GHOST))), () -> bed.homeserver.calls().all().toString());

        alice.typing("bob", "bob", true);
        until("bob typing", () -> calls("PUT", "/typing/" + BOB_GHOST).stream()
                .anyMatch(c -> c.body().map(b -> b.path("typing").asBoolean()).orElse(false)), () -> "");

        alice.delete("bob", "bob", m.messageId());
        until("the deletion", () -> redactionsOf(room, eventId) == 1, () -> "");
    }

    @Test
    void renamesFollow() {
        TestNetwork.addGroup("g2", "Old name", "bob", "alice");
        TestNetwork.login("alice").message("g2", "bob", "first");
        bed.awaitMessage("g2", "first");
        String room = bed.portalRoom("g2").orElseThrow();
        TestNetwork.login("alice").renameChat("g2", "New name");
        until("the new name", () -> bed.homeserver.state(room, "m.room.name", "").orElseThrow()
                .path("content").path("name").asText().equals("New name"), () -> "");
        // The m.bridge event is rewritten right after the name: wait for it too.
        until("the new name in m.bridge", () -> bed.homeserver.state(room, "m.bridge", "dev.passerelle://testnet/g2")
                .orElseThrow().path("content").path("channel").path("displayname").asText().equals("New name"),
                () -> bed.homeserver.state(room, "m.bridge", "dev.passerelle://testnet/g2").toString());
    }

    @Test
    void storedLoginsAreConnectedAgainAfterARestart() {
        bed.stopBridge();
        until("the client to stop", () -> !TestNetwork.login("alice").isConnected(), () -> "");
        bed.start();
        until("the stored login to reconnect", () -> TestNetwork.login("alice").isConnected(), () -> "");
        TestNetwork.login("alice").message("bob", "bob", "after restart");
        bed.awaitMessage("bob", "after restart");
    }

    private long redactionsOf(String room, String eventId) {
        return bed.events(room, "m.room.redaction").stream()
                .filter(e -> e.path("redacts").asText(e.path("content").path("redacts").asText()).equals(eventId))
                .count();
    }

    private List<RecordedCall> calls(String method, String path) {
        return bed.homeserver.callsTo(method, path);
    }
}

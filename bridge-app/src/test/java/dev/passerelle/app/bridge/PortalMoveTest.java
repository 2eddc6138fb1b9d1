package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestNetwork;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A chat that moves to another id (a Telegram group upgraded to a supergroup): what the Matrix users see. */
class PortalMoveTest extends AliceEngineTest {

    @Test
    void thePortalFollowsTheGroupIntoItsNewIdAndKeepsItsRoom() {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice", "carol");
        RemoteEvent.Message before = alice.message("g1", "bob", "before the upgrade");
        String beforeEvent = bed.awaitMessage("g1", "before the upgrade").path("event_id").asText();
        String room = bed.portalRoom("g1").orElseThrow();

        RemoteEvent.PortalMoved move = alice.moveChat("g1", "g2");
        // The room announces the new chat id and no longer the old one.
        until("the room to bridge g2 instead of g1", () -> bed.portalRoom("g2").isPresent()
                && bed.portalRoom("g1").isEmpty(), () -> "rooms " + bed.homeserver.rooms());
        assertEquals(Optional.of(room), bed.portalRoom("g2"));
        assertEquals("g2", bed.homeserver.state(room, "uk.half-shot.bridge", "dev.passerelle://testnet/g2")
                .orElseThrow().path("content").path("channel").path("id").asText());

        // The new chat's messages arrive in the same room; no second room is made.
        alice.message("g2", "carol", "after the upgrade");
        assertEquals(room, bed.awaitMessage("g2", "after the upgrade").path("room_id").asText());
        assertEquals(1, bed.homeserver.rooms().stream().filter(r -> !bed.messages(r, "after the upgrade").isEmpty())
                .count());

        // A message from before the move can still be edited under its old chat id.
        alice.edit("g1", "bob", before.messageId(), "before the upgrade!");
        until("the edit of the old message", () -> edits(room, beforeEvent) == 1,
                () -> bed.homeserver.timeline(room).toString());

        // What Alice writes in the room goes to the new chat.
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", JSON.createObjectNode().put("msgtype", "m.text")
                .put("body", "hello supergroup"));
        until("the message on the network", () -> sentTo("hello supergroup").isPresent(),
                () -> alice.sent().toString());
        assertEquals("g2", sentTo("hello supergroup").orElseThrow());

        // The move delivered again changes nothing.
        alice.emit(move);
        alice.message("g2", "bob", "still here");
        assertEquals(room, bed.awaitMessage("g2", "still here").path("room_id").asText());
        assertEquals(1, bed.portalRooms("g2"));
        assertTrue(bed.events(room, "m.room.tombstone").isEmpty());
    }

    @Test
    void theNewChatsFirstMessageRightAfterTheMoveLandsInTheSameRoom() {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice", "carol");
        alice.message("g1", "bob", "before the upgrade");
        String room = bed.awaitMessage("g1", "before the upgrade").path("room_id").asText();

        // Back to back, as Telegram sends them: the upgrade, then the supergroup's first message.
        alice.moveChat("g1", "g2");
        alice.message("g2", "carol", "first in the supergroup");

        assertEquals(room, bed.awaitMessage("g2", "first in the supergroup").path("room_id").asText());
        assertEquals(Optional.of(room), bed.portalRoom("g2"));
        assertEquals(1, bed.portalRooms("g2"));
        assertTrue(bed.events(room, "m.room.tombstone").isEmpty(), "no second room to move into");
        assertEquals(1, bed.homeserver.rooms().stream()
                .filter(r -> !bed.events(r, "uk.half-shot.bridge").isEmpty()).count(), "one portal room");
    }

    @Test
    void aMoveIsRememberedAcrossARestart() {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        RemoteEvent.Message before = alice.message("g1", "bob", "before");
        String beforeEvent = bed.awaitMessage("g1", "before").path("event_id").asText();
        String room = bed.portalRoom("g1").orElseThrow();
        alice.moveChat("g1", "g2");
        until("the room to bridge g2 instead of g1", () -> bed.portalRoom("g2").isPresent()
                && bed.portalRoom("g1").isEmpty(), () -> "rooms " + bed.homeserver.rooms());

        bed.stopBridge();
        until("the client to stop", () -> !alice.isConnected(), () -> "");
        bed.start();
        until("the client to connect again", () -> alice.isConnected(), () -> "");

        // The old id's events still reach the room (no second room for g1), the new id's too.
        alice.delete("g1", "bob", before.messageId());
        until("the old message redacted", () -> bed.events(room, "m.room.redaction").stream()
                .anyMatch(r -> r.path("content").path("redacts").asText().equals(beforeEvent)),
                () -> bed.homeserver.timeline(room).toString());
        alice.message("g2", "bob", "after the restart");
        assertEquals(room, bed.awaitMessage("g2", "after the restart").path("room_id").asText());
        assertEquals(Optional.empty(), bed.portalRoom("g1"));
    }

    @Test
    void whenTheNewIdHasARoomAlreadyTheOldRoomPointsToIt() {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice", "carol");
        RemoteEvent.Message before = alice.message("g1", "bob", "in the old group");
        String beforeEvent = bed.awaitMessage("g1", "in the old group").path("event_id").asText();
        String oldRoom = bed.portalRoom("g1").orElseThrow();
        // The supergroup's first message came before the upgrade was known: it made a room of its own.
        TestNetwork.addGroup("g2", "Friends", "bob", "alice", "carol");
        alice.message("g2", "carol", "in the supergroup");
        String newRoom = bed.awaitMessage("g2", "in the supergroup").path("room_id").asText();

        alice.emit(new RemoteEvent.PortalMoved(PortalRef.shared("g1"), "g2", Instant.now()));

        until("the tombstone in the old room", () -> bed.homeserver.state(oldRoom, "m.room.tombstone", "")
                .isPresent(), () -> bed.homeserver.timeline(oldRoom).toString());
        ObjectNode tombstone = bed.homeserver.state(oldRoom, "m.room.tombstone", "").orElseThrow();
        assertEquals(newRoom, tombstone.path("content").path("replacement_room").asText());
        assertTrue(bed.awaitNotice(oldRoom, "continues in another room").contains(newRoom));
        until("the old room to stop announcing g1", () -> bed.portalRoom("g1").isEmpty(),
                () -> bed.homeserver.timeline(oldRoom).toString());
        assertEquals(Optional.of(newRoom), bed.portalRoom("g2"));

        // Events of the old id reach the new room; a message of before is still deleted where it is.
        alice.message("g1", "bob", "late echo of the old group");
        assertEquals(newRoom, bed.awaitMessage("g2", "late echo of the old group").path("room_id").asText());
        alice.delete("g1", "bob", before.messageId());
        until("the old message to be redacted", () -> bed.events(oldRoom, "m.room.redaction").stream()
                .anyMatch(r -> r.path("content").path("redacts").asText().equals(beforeEvent)),
                () -> bed.homeserver.timeline(oldRoom).toString());

        // Matrix messages in the old room no longer go anywhere; in the new one they go to g2.
        bed.sendAs(EngineBed.ALICE, newRoom, "m.room.message", JSON.createObjectNode().put("msgtype", "m.text")
                .put("body", "in the right room"));
        until("the message on the network", () -> sentTo("in the right room").isPresent(),
                () -> alice.sent().toString());
        assertEquals("g2", sentTo("in the right room").orElseThrow());
    }

    @Test
    void aMoveOfAChatNeverBridgedDoesNothing() {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        alice.moveChat("g1", "g2");
        alice.message("g2", "bob", "first words");
        String room = bed.awaitMessage("g2", "first words").path("room_id").asText();
        assertEquals(Optional.empty(), bed.portalRoom("g1"));
        assertTrue(bed.events(room, "m.room.tombstone").isEmpty());
        // The old id is a chat like any other: had it spoken, it would have had its own room.
        alice.message("g1", "bob", "old group speaking");
        String oldRoom = bed.awaitMessage("g1", "old group speaking").path("room_id").asText();
        assertTrue(!oldRoom.equals(room));
    }

    private long edits(String room, String eventId) {
        return bed.events(room, "m.room.message").stream()
                .filter(e -> e.path("content").path("m.relates_to").path("rel_type").asText().equals("m.replace"))
                .filter(e -> e.path("content").path("m.relates_to").path("event_id").asText().equals(eventId))
                .count();
    }

    private Optional<String> sentTo(String body) {
        List<SentCall> sent = alice.sent();
        return sent.stream().filter(c -> c instanceof SentCall.SendMessage).map(c -> ((SentCall.SendMessage) c).message())
                .filter(m -> m.content() instanceof dev.passerelle.core.spi.MessageContent.Text t
                        && t.text().text().equals(body))
                .map(dev.passerelle.core.spi.OutgoingMessage::chatId).findFirst();
    }
}

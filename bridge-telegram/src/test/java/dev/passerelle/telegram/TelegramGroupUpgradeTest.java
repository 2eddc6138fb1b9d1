package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.JSON;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A basic group upgraded to a supergroup keeps its Matrix room, through the real bridge and a fake TDLib. */
class TelegramGroupUpgradeTest extends AliceBridgeTest {

    @Test
    void theRoomFollowsTheGroupIntoItsSupergroup() {
        long group = bed.telegram.addGroup("Family", false, BOB, ALICE);
        long before = bed.telegram.write(BOB, group, "small group");
        String room = bed.awaitMessage(Long.toString(group), "small group").path("room_id").asText();

        // The supergroup's first message comes right behind the upgrade: it must not open a room of its own.
        long supergroup = bed.telegram.upgrade(BOB, group);
        bed.telegram.write(BOB, supergroup, "bigger now");
        assertEquals(room, bed.awaitMessage(Long.toString(supergroup), "bigger now").path("room_id").asText());
        assertEquals(Optional.of(room), bed.portalRoom(Long.toString(supergroup)));
        assertEquals(1, bed.portalRooms(Long.toString(supergroup)));
        assertTrue(bed.events(room, "m.room.tombstone").isEmpty(), "no second room to move into");

        bed.sendAs(TelegramBridgeBed.ALICE, room, "m.room.message", JSON.createObjectNode().put("msgtype", "m.text")
                .put("body", "hello supergroup"));
        until("Alice's message in the supergroup", () -> bed.telegram.texts(BOB, supergroup)
                .contains("hello supergroup"), () -> "chat: " + bed.telegram.texts(BOB, supergroup));

        bed.telegram.edit(BOB, group, before, "small group!");
        until("the edit of the old message", () -> bed.events(room, "m.room.message").stream().anyMatch(e -> e
                .path("content").path("m.new_content").path("body").asText().equals("small group!")),
                () -> "timeline: " + bed.homeserver.timeline(room));
    }
}

package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.JSON;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.telegram.fake.FakeAccount;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A basic group upgraded to a supergroup keeps its Matrix room, through the real bridge and a fake TDLib. */
class TelegramGroupUpgradeTest {

    private static final long ALICE = 1001;
    private static final long BOB = 1002;

    @TempDir
    Path dir;
    private TelegramBridgeBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = new TelegramBridgeBed(dir);
        bed.telegram.add(FakeAccount.user(ALICE, "Alice", "+33600000001"))
                .add(FakeAccount.user(BOB, "Bob", "+33600000002"));
        bed.start();
        bed.login(TelegramBridgeBed.ALICE, "+33600000001", ALICE);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

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

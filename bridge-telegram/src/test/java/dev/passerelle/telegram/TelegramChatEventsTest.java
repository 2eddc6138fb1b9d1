package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.telegram.fake.FakeAccount;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polls, secret chats and presence through the real bridge wiring: what Alice sees in Matrix. */
class TelegramChatEventsTest {

    private static final long ALICE = 1001;
    private static final long BOB = 1002;
    private static final String POLL_START = "org.matrix.msc3381.poll.start";
    private static final String TEXT = "org.matrix.msc1767.text";

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
    void aTelegramPollIsAMatrixPollWhoseAnswersAreNamedByPosition() {
        bed.telegram.write(BOB, ALICE, "a question for you");
        String room = bed.awaitMessage("1002", "a question for you").path("room_id").asText();
        bed.telegram.postPoll(BOB, ALICE, "Tea or coffee?", false, false, "tea", "coffee");
        until("the poll in Matrix", () -> !bed.events(room, POLL_START).isEmpty(),
                () -> "timeline: " + bed.homeserver.timeline(room));
        JsonNode start = bed.events(room, POLL_START).getFirst().path("content").path(POLL_START);
        assertEquals("Tea or coffee?", start.path("question").path(TEXT).asText());
        assertEquals("coffee", start.path("answers").get(1).path(TEXT).asText());
        assertEquals("1", start.path("answers").get(1).path("id").asText());

    }

    @Test
    void aSecretChatIsExplainedOnceInTheManagementRoomAndGetsNoPortal() {
        String management = bed.managementRoom(TelegramBridgeBed.ALICE);
        // the bot's greeting: the room is Alice's management room from now on
        until("the greeting", () -> !bed.botNotices(management).isEmpty(), () -> "");
        long secret = bed.telegram.openSecretChat(BOB, ALICE);
        until("the notice", () -> secretNotices(management) == 1, () -> "notices: " + bed.botNotices(management));
        assertTrue(bed.botNotices(management).stream().anyMatch(n -> n.contains("open it on your phone")));

        bed.telegram.write(BOB, secret, "psst");
        bed.stopBridge();
        bed.start(); // TDLib announces every chat again at start
        bed.telegram.write(BOB, ALICE, "back");
        bed.awaitMessage("1002", "back");
        assertEquals(1, secretNotices(management), "once per secret chat: " + bed.botNotices(management));
        assertEquals(Optional.empty(), bed.portalRoom(Long.toString(secret)));
    }

    @Test
    void aContactComingOnlineShowsOnTheirGhost() {
        bed.telegram.write(BOB, ALICE, "hi");
        bed.awaitMessage("1002", "hi");
        String ghost = TelegramBridgeBed.ghost(BOB);
        bed.telegram.setOnline(BOB, true);
        until("Bob online", () -> bed.homeserver.presence(ghost).equals(Optional.of("online")),
                () -> "presence: " + bed.homeserver.presence(ghost));
        bed.telegram.setOnline(BOB, false);
        until("Bob away", () -> bed.homeserver.presence(ghost).equals(Optional.of("offline")),
                () -> "presence: " + bed.homeserver.presence(ghost));
    }

    private long secretNotices(String room) {
        return bed.botNotices(room).stream().filter(n -> n.contains("secret chat")).count();
    }
}

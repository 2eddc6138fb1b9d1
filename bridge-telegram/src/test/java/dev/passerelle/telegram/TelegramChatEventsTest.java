package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.JSON;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Polls, secret chats and presence through the real bridge wiring: what Alice sees in Matrix. */
class TelegramChatEventsTest extends AliceBridgeTest {

    private static final String POLL_START = "org.matrix.msc3381.poll.start";
    private static final String TEXT = "org.matrix.msc1767.text";
    private static final String POLL_RESPONSE = "org.matrix.msc3381.poll.response";

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
    void votesGoBothWaysAndAMatrixPollReachesTelegram() {
        long group = bed.telegram.addGroup("Team", true, BOB, ALICE);
        bed.telegram.write(BOB, group, "vote please");
        String room = bed.awaitMessage(Long.toString(group), "vote please").path("room_id").asText();
        long poll = bed.telegram.postPoll(BOB, group, "Tea or coffee?", false, false, "tea", "coffee");
        until("the poll in Matrix", () -> !bed.events(room, POLL_START).isEmpty(), () -> "");
        String pollEvent = bed.events(room, POLL_START).getFirst().path("event_id").asText();

        bed.telegram.vote(BOB, group, poll, 1);
        until("Bob's vote in Matrix", () -> !bed.events(room, POLL_RESPONSE).isEmpty(),
                () -> "timeline: " + bed.homeserver.timeline(room));
        JsonNode bobs = bed.events(room, POLL_RESPONSE).getFirst();
        assertEquals(TelegramBridgeBed.ghost(BOB), bobs.path("sender").asText());
        assertEquals(pollEvent, bobs.path("content").path("m.relates_to").path("event_id").asText());
        assertEquals("[\"1\"]", bobs.path("content").path(POLL_RESPONSE).path("answers").toString());

        ObjectNode vote = JSON.createObjectNode();
        vote.putObject("m.relates_to").put("rel_type", "m.reference").put("event_id", pollEvent);
        vote.putObject(POLL_RESPONSE).putArray("answers").add("0");
        String alicesVote = bed.sendAs(TelegramBridgeBed.ALICE, room, POLL_RESPONSE, vote).path("event_id").asText();
        until("Alice's vote on Telegram", () -> !bed.telegram.requests(ALICE, "setPollAnswer").isEmpty(), () -> "");
        assertEquals("[0]", bed.telegram.requests(ALICE, "setPollAnswer").getFirst().path("option_ids").toString());

        ObjectNode start = JSON.createObjectNode();
        ObjectNode body = start.putObject(POLL_START).put("kind", "org.matrix.msc3381.poll.disclosed")
                .put("max_selections", 1);
        body.putObject("question").put(TEXT, "Cake?");
        body.putArray("answers").add(JSON.createObjectNode().put("id", "y").put(TEXT, "yes"))
                .add(JSON.createObjectNode().put("id", "n").put(TEXT, "no"));
        start.put(TEXT, "Cake?\n1. yes\n2. no");
        bed.sendAs(TelegramBridgeBed.ALICE, room, POLL_START, start);
        until("Alice's poll on Telegram", () -> bed.telegram.requests(ALICE, "sendMessage").stream()
                .anyMatch(r -> r.path("input_message_content").path("question").path("text").asText()
                        .equals("Cake?")), () -> "");
        until("the poll stored", () -> bed.telegram.senderOf(BOB, group, bed.telegram.messageIds(BOB, group).getLast())
                == ALICE, () -> "");
        long sent = bed.telegram.messageIds(BOB, group).getLast();
        assertEquals("no", bed.telegram.contentOf(BOB, group, sent).path("poll").path("options").get(1).path("text")
                .path("text").asText());
        // Alice's own vote came back from Telegram as her poll's new state: not a second response in Matrix
        assertEquals(List.of(bobs.path("event_id").asText()), bed.events(room, POLL_RESPONSE).stream()
                .map(e -> e.path("event_id").asText()).filter(id -> !id.equals(alicesVote)).toList());
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

package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.ALICE;
import static dev.passerelle.whatsapp.ScriptedBed.BOB;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.testbed.BridgeBed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Polls both ways (end to end) and WhatsApp votes as the connector reports them. */
class WhatsAppPollTest extends ScriptedBridgeTest {

    private static final String POLL_START = "org.matrix.msc3381.poll.start";
    private static final String TEXT = "org.matrix.msc1767.text";
    private static final String POLL_RESPONSE = "org.matrix.msc3381.poll.response";

    private static ObjectNode poll(String id, int selectable) {
        ObjectNode m = object().put("chat", BOB_JID).put("id", id).put("fromMe", false)
                .put("timestamp", 1_700_000_600_000L).put("sender", BOB_JID);
        ObjectNode content = m.putObject("content").put("kind", "poll").put("name", "Lunch?").put("selectable", selectable);
        content.putArray("options").add(object().put("id", "hash-yes").put("text", "Yes"))
                .add(object().put("id", "hash-no").put("text", "No"));
        return m;
    }

    @Test
    void aWhatsAppPollIsAMatrixPollWhoseAnswersAreNamedAsWhatsAppsVotesNameThem() {
        String room = bobsRoom();
        emit("message", poll("P1", 1));
        BridgeBed.until("the poll", () -> !bed.events(room, POLL_START).isEmpty(), () -> bed.events(room, "m.room.message")
                .toString());
        var start = bed.events(room, POLL_START).getFirst().path("content").path(POLL_START);
        assertEquals("Lunch?", start.path("question").path(TEXT).asText());
        assertEquals(1, start.path("max_selections").asInt());
        assertEquals("hash-yes", start.path("answers").path(0).path("id").asText());
        assertEquals("No", start.path("answers").path(1).path(TEXT).asText());
    }

    @Test
    void votesBothWays() {
        String room = bobsRoom();
        emit("message", poll("P1", 1));
        BridgeBed.until("the poll", () -> !bed.events(room, POLL_START).isEmpty(), () -> "");
        String pollEvent = bed.events(room, POLL_START).getFirst().path("event_id").asText();

        ObjectNode vote = object().put("chat", BOB_JID).put("sender", BOB_JID).put("id", "V1").put("fromMe", false)
                .put("target", "P1").put("timestamp", 1_700_000_700_000L);
        vote.putArray("options").add("hash-no");
        emit("poll_vote", vote);
        BridgeBed.until("Bob's vote", () -> bed.events(room, POLL_RESPONSE).stream().anyMatch(e ->
                e.path("sender").asText().equals(BOB_GHOST)
                        && e.path("content").path(POLL_RESPONSE).path("answers").toString().equals("[\"hash-no\"]")),
                () -> bed.events(room, POLL_RESPONSE).toString());

        ObjectNode mine = object();
        mine.putObject("m.relates_to").put("rel_type", "m.reference").put("event_id", pollEvent);
        mine.putObject(POLL_RESPONSE).putArray("answers").add("hash-yes");
        bed.sendAs(BridgeBed.ALICE, room, POLL_RESPONSE, mine);
        var sent = sidecar.awaitRequest("send.vote", r -> true).params();
        assertEquals(BOB_JID, sent.path("chat").asText());
        assertEquals("P1", sent.path("target").path("id").asText());
        assertEquals("[\"hash-yes\"]", sent.path("options").toString());
    }

    @Test
    void aVoteInAPollOlderThanTheLinkIsRefusedWithWhatToDo() {
        String room = bobsRoom();
        emit("message", poll("OLD", 1));
        BridgeBed.until("the poll", () -> !bed.events(room, POLL_START).isEmpty(), () -> "");
        sidecar.on("send.vote", r -> {
            throw new ScriptedSidecar.Refusal("UNKNOWN_POLL", "this poll is older than the link");
        });
        ObjectNode mine = object();
        mine.putObject("m.relates_to").put("rel_type", "m.reference").put("event_id",
                bed.events(room, POLL_START).getFirst().path("event_id").asText());
        mine.putObject(POLL_RESPONSE).putArray("answers").add("hash-yes");
        bed.sendAs(BridgeBed.ALICE, room, POLL_RESPONSE, mine);
        BridgeBed.until("the refusal", () -> bed.events(room, "m.room.message").stream().anyMatch(e ->
                e.path("content").path("body").asText().contains("vote on your phone")),
                () -> bed.events(room, "m.room.message").toString());
    }

    @Test
    void aMatrixPollIsSentAsAWhatsAppPollWithItsAnswerIds() {
        String room = bobsRoom();
        ObjectNode content = object();
        ObjectNode start = content.putObject(POLL_START);
        start.putObject("question").put(TEXT, "Where?");
        start.put("kind", "org.matrix.msc3381.poll.disclosed").put("max_selections", 3);
        var answers = start.putArray("answers");
        for (String a : List.of("Here", "There", "Anywhere")) {
            answers.addObject().put("id", "id-" + a).put(TEXT, a);
        }
        content.put(TEXT, "Where?");
        bed.sendAs(BridgeBed.ALICE, room, POLL_START, content);
        var sent = sidecar.awaitRequest("send.message", r -> r.params().path("content").path("kind").asText()
                .equals("poll")).params();
        assertEquals(BOB_JID, sent.path("chat").asText());
        var poll = sent.path("content");
        assertEquals("Where?", poll.path("name").asText());
        assertEquals(0, poll.path("selectable").asInt(), "every answer may be chosen: WhatsApp's 0");
        assertEquals("id-There", poll.path("options").path(1).path("id").asText());
        assertEquals("There", poll.path("options").path(1).path("text").asText());
    }

    @Test
    void aWhatsAppVoteIsAPollVoteOfItsVoterAndAnUnreadableOneIsDropped() throws Exception {
        try (ScriptedBed scripted = ScriptedBed.started()) {
            var alice = scripted.alice();
            ObjectNode vote = object().put("chat", BOB_JID).put("sender", BOB_JID).put("id", "V1").put("fromMe", false)
                    .put("target", "P1").put("timestamp", 1_700_000_700_000L);
            scripted.sidecar.emit("poll_vote", ALICE, vote.deepCopy().put("error", "could not be decrypted"));
            vote.putArray("options").add("hash-no");
            scripted.sidecar.emit("poll_vote", ALICE, vote);
            var got = alice.sink().await(RemoteEvent.PollVote.class, v -> v.pollMessageId().equals("P1"));
            assertEquals(List.of("hash-no"), got.optionIds());
            assertEquals(BOB, got.sender().remoteUserId());
            assertEquals(PortalRef.ofLogin(BOB, ALICE), got.portal());
            assertEquals(1, alice.sink().events().stream().filter(e -> e instanceof RemoteEvent.PollVote).count(),
                    "the unreadable vote is not reported");
        }
    }
}

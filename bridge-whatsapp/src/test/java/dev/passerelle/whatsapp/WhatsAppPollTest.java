package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.ALICE;
import static dev.passerelle.whatsapp.ScriptedBed.BOB;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.testbed.BridgeBed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Polls both ways (end to end) and WhatsApp votes as the connector reports them. */
class WhatsAppPollTest extends ScriptedBridgeTest {

    private static final String POLL_START = "org.matrix.msc3381.poll.start";
    private static final String TEXT = "org.matrix.msc1767.text";

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

    // Through the client: the engine on main does not route Matrix poll starts to connectors yet (h/engine-polls).
    @Test
    void aMatrixPollIsSentAsAWhatsAppPollWithItsAnswerIds() throws Exception {
        try (ScriptedBed scripted = ScriptedBed.started()) {
            var alice = scripted.alice();
            var poll = new MessageContent.Poll(FormattedText.plain("Where?"), List.of(
                    new MessageContent.PollOption("id-Here", "Here"), new MessageContent.PollOption("id-There", "There"),
                    new MessageContent.PollOption("id-Anywhere", "Anywhere")), 3);
            alice.client().sendMessage(new OutgoingMessage(BOB, "$poll", poll, Optional.empty(), Optional.empty()));
            var sent = scripted.sidecar.awaitRequest("send.message", r -> true).params();
            assertEquals(BOB_JID, sent.path("chat").asText());
            var content = sent.path("content");
            assertEquals("poll", content.path("kind").asText());
            assertEquals("Where?", content.path("name").asText());
            assertEquals(0, content.path("selectable").asInt(), "every answer may be chosen: WhatsApp's 0");
            assertEquals("id-There", content.path("options").path(1).path("id").asText());
            assertEquals("There", content.path("options").path(1).path("text").asText());
        }
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

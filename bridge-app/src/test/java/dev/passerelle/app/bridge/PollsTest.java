package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkCapabilities.MessageKind;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestNetwork;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Polls (MSC3381) both ways through the real bridge: a network poll becomes a poll in Matrix and its votes the
 * voters' responses (changed, taken back); a Matrix poll and a Matrix vote reach the network; a network without
 * polls refuses them with a notice.
 */
class PollsTest extends AliceEngineTest {

    private static final String POLL_START = "org.matrix.msc3381.poll.start";
    private static final String POLL_RESPONSE = "org.matrix.msc3381.poll.response";
    private static final String BOB_GHOST = "@testnet_bob:example.org";
    private static final String CAROL_GHOST = "@testnet_carol:example.org";

    @Test
    void aNetworkPollAndItsVotesAppearAsTheVotersResponses() {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice", "carol");
        RemoteEvent.Message poll = alice.poll("g1", "bob", "Lunch?", "Pizza", "Sushi");
        ObjectNode start = awaitPoll("g1", "Lunch?");
        String room = bed.portalRoom("g1").orElseThrow();
        assertEquals(BOB_GHOST, start.path("sender").asText());
        JsonNode answers = start.path("content").path(POLL_START).path("answers");
        assertEquals(List.of("0", "1"), List.of(answers.get(0).path("id").asText(), answers.get(1).path("id").asText()));
        assertEquals("Sushi", answers.get(1).path("org.matrix.msc1767.text").asText());
        assertEquals(1, start.path("content").path(POLL_START).path("max_selections").asInt());

        RemoteEvent.PollVote first = alice.vote("g1", "carol", poll.messageId(), "1");
        awaitResponses(room, 1);
        alice.emit(first); // the network repeats itself: still one response
        alice.vote("g1", "carol", poll.messageId(), "0");
        awaitResponses(room, 2);
        alice.vote("g1", "carol", "msg-unknown", "0"); // a poll never bridged: dropped
        alice.vote("g1", "carol", poll.messageId());
        awaitResponses(room, 3);

        List<ObjectNode> responses = bed.events(room, POLL_RESPONSE);
        for (ObjectNode r : responses) {
            assertEquals(CAROL_GHOST, r.path("sender").asText());
            assertEquals("m.reference", r.path("content").path("m.relates_to").path("rel_type").asText());
            assertEquals(start.path("event_id").asText(), r.path("content").path("m.relates_to").path("event_id")
                    .asText());
        }
        // Changed, then taken back: the empty answer list is MSC3381's spoiled vote, which Element no longer counts.
        assertEquals(List.of(List.of("1"), List.of("0"), List.of()), responses.stream().map(PollsTest::answers)
                .toList());

        RemoteEvent.Message reply = alice.message("g1", "carol", List.of(dev.passerelle.core.spi.MessagePart.only(
                new MessageContent.Text(dev.passerelle.core.format.FormattedText.plain("pizza!"),
                        MessageContent.TextKind.NORMAL))), Optional.of(poll.messageId()));
        ObjectNode bridgedReply = bed.awaitMessage("g1", "pizza!");
        assertEquals(start.path("event_id").asText(), bridgedReply.path("content").path("m.relates_to")
                .path("m.in_reply_to").path("event_id").asText(), reply.toString());

        alice.delete("g1", "bob", poll.messageId());
        until("the poll redacted", () -> bed.events(room, "m.room.redaction").stream().anyMatch(e ->
                e.path("redacts").asText(e.path("content").path("redacts").asText()).equals(
                        start.path("event_id").asText())), () -> bed.homeserver.timeline(room).toString());
    }

    @Test
    void aMatrixPollAndMatrixVotesReachTheNetwork() {
        alice.message("bob", "bob", "hi");
        bed.awaitMessage("bob", "hi");
        String room = bed.portalRoom("bob").orElseThrow();

        String pollEvent = bed.sendAs(EngineBed.ALICE, room, POLL_START, pollStart("Cinema?", "Yes", "No"))
                .path("event_id").asText();
        SentCall.SendMessage sent = awaitCall(SentCall.SendMessage.class, 1);
        MessageContent.Poll poll = assertInstanceOf(MessageContent.Poll.class, sent.message().content());
        assertEquals("Cinema?", poll.question().text());
        assertEquals(List.of(new MessageContent.PollOption("y", "Yes"), new MessageContent.PollOption("n", "No")),
                poll.options());
        assertEquals("SUCCESS", awaitStatus(room, pollEvent).path("status").asText());
        // Element lets a poll be edited before anyone votes; no network lets it change once asked.
        ObjectNode edit = pollStart("Cinema tonight?", "Yes", "No");
        edit.set("m.new_content", pollStart("Cinema tonight?", "Yes", "No"));
        edit.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", pollEvent);
        String editEvent = bed.sendAs(EngineBed.ALICE, room, POLL_START, edit).path("event_id").asText();
        bed.awaitNotice(room, "A poll cannot be changed on Test Network once it is sent");
        assertEquals("m_unsupported", awaitStatus(room, editEvent).path("reason").asText());

        RemoteEvent.Message bobsPoll = alice.poll("bob", "bob", "Tea or coffee?", "Tea", "Coffee");
        String bobsPollEvent = awaitPoll("bob", "Tea or coffee?").path("event_id").asText();
        MessageTarget target = new MessageTarget("bob", bobsPoll.messageId());

        String vote = bed.sendAs(EngineBed.ALICE, room, POLL_RESPONSE, response(bobsPollEvent, POLL_RESPONSE, "1"))
                .path("event_id").asText();
        assertEquals(new SentCall.Vote(target, List.of("1")), awaitCall(SentCall.Vote.class, 1));
        assertEquals("SUCCESS", awaitStatus(room, vote).path("status").asText());
        // The stable event type names the answers "m.selections".
        ObjectNode stable = JSON.createObjectNode();
        stable.putObject("m.relates_to").put("rel_type", "m.reference").put("event_id", bobsPollEvent);
        stable.putArray("m.selections").add("0");
        bed.sendAs(EngineBed.ALICE, room, "m.poll.response", stable);
        assertEquals(new SentCall.Vote(target, List.of("0")), awaitCall(SentCall.Vote.class, 2));
        bed.sendAs(EngineBed.ALICE, room, POLL_RESPONSE, response(bobsPollEvent, POLL_RESPONSE));
        assertEquals(new SentCall.Vote(target, List.of()), awaitCall(SentCall.Vote.class, 3));

        // An answer the poll does not have: the network refuses, the user reads why.
        String bad = bed.sendAs(EngineBed.ALICE, room, POLL_RESPONSE, response(bobsPollEvent, POLL_RESPONSE, "7"))
                .path("event_id").asText();
        assertEquals("FAIL_PERMANENT", awaitStatus(room, bad).path("status").asText());
        bed.awaitNotice(room, "Your vote was not delivered to Test Network: The poll has no answer '7'");
    }

    @Test
    void aNetworkWithoutPollsRefusesPollsAndVotesWithANotice() {
        RemoteEvent.Message bobsPoll = alice.poll("bob", "bob", "Tea or coffee?", "Tea", "Coffee");
        String bobsPollEvent = awaitPoll("bob", "Tea or coffee?").path("event_id").asText();
        String room = bed.portalRoom("bob").orElseThrow();
        TestNetwork.withoutMessageKinds(MessageKind.POLL);

        String pollEvent = bed.sendAs(EngineBed.ALICE, room, POLL_START, pollStart("Cinema?", "Yes", "No"))
                .path("event_id").asText();
        bed.awaitNotice(room, "Test Network does not accept poll messages; it was not sent.");
        assertEquals("FAIL_PERMANENT", awaitStatus(room, pollEvent).path("status").asText());

        String vote = bed.sendAs(EngineBed.ALICE, room, POLL_RESPONSE, response(bobsPollEvent, POLL_RESPONSE, "0"))
                .path("event_id").asText();
        bed.awaitNotice(room, "Test Network does not support polls; your vote was not sent.");
        assertEquals("m_unsupported", awaitStatus(room, vote).path("reason").asText());
        assertTrue(alice.sent().stream().noneMatch(c -> c instanceof SentCall.Vote
                || c instanceof SentCall.SendMessage m && m.message().content() instanceof MessageContent.Poll),
                alice.sent().toString() + bobsPoll);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private ObjectNode awaitPoll(String chatId, String question) {
        until("poll '" + question + "' in the portal of " + chatId, () -> bed.portalRoom(chatId)
                .map(r -> polls(r, question).findAny().isPresent()).orElse(false),
                () -> "rooms " + bed.homeserver.rooms());
        return polls(bed.portalRoom(chatId).orElseThrow(), question).findFirst().orElseThrow();
    }

    private java.util.stream.Stream<ObjectNode> polls(String room, String question) {
        return bed.events(room, POLL_START).stream().filter(e -> e.path("content").path(POLL_START)
                .path("question").path("org.matrix.msc1767.text").asText().equals(question));
    }

    private void awaitResponses(String room, int n) {
        until(n + " poll responses", () -> bed.events(room, POLL_RESPONSE).size() >= n,
                () -> bed.events(room, POLL_RESPONSE).toString());
    }

    private static List<String> answers(ObjectNode response) {
        List<String> ids = new java.util.ArrayList<>();
        response.path("content").path(POLL_RESPONSE).path("answers").forEach(a -> ids.add(a.asText()));
        return ids;
    }

    /** A poll as Element sends it: answers with ids "y", "n"... (first letter of each, lower case). */
    private static ObjectNode pollStart(String question, String... answers) {
        ObjectNode content = JSON.createObjectNode();
        ObjectNode start = content.putObject(POLL_START);
        start.putObject("question").put("org.matrix.msc1767.text", question);
        start.put("kind", "org.matrix.msc3381.poll.disclosed").put("max_selections", 1);
        ArrayNode list = start.putArray("answers");
        for (String a : answers) {
            list.addObject().put("id", a.substring(0, 1).toLowerCase(java.util.Locale.ROOT))
                    .put("org.matrix.msc1767.text", a);
        }
        content.put("org.matrix.msc1767.text", question);
        return content;
    }

    private static ObjectNode response(String pollEvent, String type, String... answerIds) {
        ObjectNode content = JSON.createObjectNode();
        content.putObject("m.relates_to").put("rel_type", "m.reference").put("event_id", pollEvent);
        ArrayNode answers = content.putObject(type).putArray("answers");
        for (String id : answerIds) {
            answers.add(id);
        }
        return content;
    }

    private <T extends SentCall> T awaitCall(Class<T> type, int nth) {
        until(nth + " " + type.getSimpleName() + " on the network", () -> calls(type).size() >= nth,
                () -> alice.sent().toString());
        return calls(type).get(nth - 1);
    }

    private <T extends SentCall> List<T> calls(Class<T> type) {
        return alice.sent().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private JsonNode awaitStatus(String room, String eventId) {
        until("the send status of " + eventId, () -> status(room, eventId).isPresent(),
                () -> bed.homeserver.timeline(room).toString());
        return status(room, eventId).orElseThrow().path("content");
    }

    private Optional<ObjectNode> status(String room, String eventId) {
        return bed.events(room, "com.beeper.message_send_status").stream()
                .filter(e -> e.path("content").path("m.relates_to").path("event_id").asText().equals(eventId))
                .findFirst();
    }
}

package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.JSON;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Forum topics are Matrix threads, both ways, through the real bridge, a fake TDLib and a fake homeserver. */
class TelegramForumTopicsTest extends AliceBridgeTest {

    @Test
    void aTopicIsAThreadAndAnAnswerInTheThreadGoesToTheTopic() {
        long forum = bed.telegram.addForum("Club", BOB, ALICE);
        String chat = Long.toString(forum);
        int topic = bed.telegram.createTopic(BOB, forum, "Trips");
        bed.telegram.writeInTopic(BOB, forum, topic, "Lisbon in May?");
        bed.telegram.writeInTopic(BOB, forum, 1, "welcome all");

        ObjectNode question = bed.awaitMessage(chat, "Lisbon in May?");
        String room = question.path("room_id").asText();
        String rootEvent = bed.events(room, "m.room.message").stream()
                .filter(e -> e.path("content").path("body").asText().contains("Trips")).findFirst()
                .orElseThrow(() -> new AssertionError("no event for the topic's creation: "
                        + bed.homeserver.timeline(room)))
                .path("event_id").asText();
        JsonNode relation = question.path("content").path("m.relates_to");
        assertEquals("m.thread", relation.path("rel_type").asText(), question.toString());
        assertEquals(rootEvent, relation.path("event_id").asText());
        JsonNode general = bed.awaitMessage(chat, "welcome all").path("content");
        assertEquals("", general.path("m.relates_to").path("rel_type").asText(), "General is the main timeline");

        // Alice answers in the thread from Element: the message lands in the topic, not in General.
        ObjectNode answer = JSON.createObjectNode().put("msgtype", "m.text").put("body", "yes, count me in");
        answer.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", rootEvent)
                .put("is_falling_back", true).putObject("m.in_reply_to")
                .put("event_id", question.path("event_id").asText());
        bed.sendAs(TelegramBridgeBed.ALICE, room, "m.room.message", answer);
        until("Alice's answer on Telegram", () -> bed.telegram.texts(BOB, forum).contains("yes, count me in"),
                () -> "chat: " + bed.telegram.texts(BOB, forum));
        assertEquals(topic, bed.telegram.topicOf(BOB, forum, "yes, count me in"));

        // Outside the thread, it goes to General.
        bed.sendAs(TelegramBridgeBed.ALICE, room, "m.room.message", JSON.createObjectNode().put("msgtype", "m.text")
                .put("body", "hello everyone"));
        until("Alice's message on Telegram", () -> bed.telegram.texts(BOB, forum).contains("hello everyone"),
                () -> "chat: " + bed.telegram.texts(BOB, forum));
        assertEquals(0, bed.telegram.topicOf(BOB, forum, "hello everyone"));
    }

    @Test
    void inAGroupWithoutTopicsAMatrixThreadMessageAnswersTheThreadsFirstMessage() {
        long group = bed.telegram.addGroup("Family", true, BOB, ALICE);
        long first = bed.telegram.write(BOB, group, "dinner on sunday?");
        ObjectNode root = bed.awaitMessage(Long.toString(group), "dinner on sunday?");
        String room = root.path("room_id").asText();

        ObjectNode inThread = JSON.createObjectNode().put("msgtype", "m.text").put("body", "I bring dessert");
        inThread.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", root.path("event_id").asText())
                .put("is_falling_back", true).putObject("m.in_reply_to")
                .put("event_id", root.path("event_id").asText());
        bed.sendAs(TelegramBridgeBed.ALICE, room, "m.room.message", inThread);
        until("Alice's answer on Telegram", () -> bed.telegram.texts(BOB, group).contains("I bring dessert"),
                () -> "chat: " + bed.telegram.texts(BOB, group));
        JsonNode request = bed.telegram.requests(ALICE, "sendMessage").getLast();
        assertEquals(first, request.path("reply_to").path("message_id").asLong(), request.toString());
        assertEquals("", request.path("topic_id").path("@type").asText(), "no topic outside a forum");
    }
}

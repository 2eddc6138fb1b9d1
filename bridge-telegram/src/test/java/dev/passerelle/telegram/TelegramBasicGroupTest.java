package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.JSON;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.telegram.fake.FakeAccount;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A basic group with two bridged members (Alice and Carol): Telegram numbers its messages per account, yet each
 * message is one Matrix event, and either login acts on it.
 */
class TelegramBasicGroupTest extends AliceBridgeTest {

    private long group;
    private String chat;

    @Override
    List<FakeAccount> accounts() {
        return List.of(FakePeople.alice(), FakePeople.bob(), FakePeople.carol());
    }

    @BeforeEach
    void start() throws Exception {
        bed.login(CAROL_MXID, "+33600000003", CAROL);
        group = bed.telegram.addGroup("Family", false, BOB, ALICE, CAROL);
        chat = Long.toString(group);
    }

    @Test
    void eachMessageIsOneEventAlthoughBothLoginsSeeItUnderTheirOwnIds() {
        long bobs = bed.telegram.write(BOB, group, "hello family");
        String room = bed.awaitMessage(chat, "hello family").path("room_id").asText();
        assertNotEquals(bed.telegram.messageIds(ALICE, group), bed.telegram.messageIds(CAROL, group),
                "the fake numbers basic-group messages per account, as Telegram does");
        bed.telegram.write(BOB, group, "hello family"); // the same words again: a second message
        bed.telegram.write(BOB, group, "end");
        bed.awaitMessage(chat, "end");
        settle(room);
        assertEquals(2, bed.messages(room, "hello family").size(), "twice written, twice shown, never four times");
        assertEquals(1, bed.messages(room, "end").size());

        bed.telegram.edit(BOB, group, bobs, "hello dear family");
        until("the edit", () -> !edits(room).isEmpty(), () -> "events: " + bed.events(room, "m.room.message"));
        assertEquals(bed.messages(room, "hello family").getFirst().path("event_id").asText(),
                edits(room).getFirst().path("content").path("m.relates_to").path("event_id").asText());
    }

    @Test
    void eitherLoginActsFromMatrixOnTheOtherLoginsMessages() {
        bed.telegram.write(BOB, group, "who brings the cake?");
        ObjectNode question = bed.awaitMessage(chat, "who brings the cake?");
        String room = question.path("room_id").asText();

        // Carol reacts in Matrix: her account reacts to the message under the id it knows it by
        ObjectNode reaction = JSON.createObjectNode();
        reaction.putObject("m.relates_to").put("rel_type", "m.annotation")
                .put("event_id", question.path("event_id").asText()).put("key", "👍");
        bed.sendAs(CAROL_MXID, room, "m.reaction", reaction);
        until("Carol's account to react", () -> !bed.telegram.requests(CAROL, "addMessageReaction").isEmpty(),
                () -> "requests: " + bed.telegram.requests(CAROL, "addMessageReaction"));
        long carolsId = bed.telegram.messageIds(CAROL, group).getFirst();
        assertEquals(carolsId, bed.telegram.requests(CAROL, "addMessageReaction").getFirst().path("message_id")
                .asLong());

        // Alice answers from Matrix: Carol's login sees Alice's message come in, and Matrix still shows it once
        ObjectNode answer = JSON.createObjectNode().put("msgtype", "m.text").put("body", "I do");
        answer.putObject("m.relates_to").putObject("m.in_reply_to")
                .put("event_id", question.path("event_id").asText());
        bed.sendAs(TelegramBridgeBed.ALICE, room, "m.room.message", answer);
        until("the answer on Telegram", () -> bed.telegram.texts(CAROL, group).contains("I do"),
                () -> "chat: " + bed.telegram.texts(CAROL, group));
        bed.telegram.write(BOB, group, "great");
        bed.awaitMessage(chat, "great");
        settle(room);
        assertEquals(1, bed.messages(room, "I do").size(), "Alice's answer, not echoed by Carol's login");
    }

    /**
     * Waits until each login's earlier updates are bridged: a message only that login sees comes after them in the
     * portal's queue.
     */
    private void settle(String room) {
        for (long login : List.of(ALICE, CAROL)) {
            long other = login == ALICE ? CAROL : ALICE;
            bed.telegram.setUnreachable(group, other, true);
            bed.telegram.write(BOB, group, "seen by " + login);
            until("the message only " + login + " sees", () -> !bed.messages(room, "seen by " + login).isEmpty(),
                    () -> "");
            bed.telegram.setUnreachable(group, other, false);
        }
    }

    private List<ObjectNode> edits(String room) {
        return bed.events(room, "m.room.message").stream()
                .filter(e -> e.path("content").path("m.relates_to").path("rel_type").asText().equals("m.replace"))
                .toList();
    }
}

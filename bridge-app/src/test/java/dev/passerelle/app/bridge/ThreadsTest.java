package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestNetwork;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Threads both ways (client-server API, "Threading"): what a Matrix client shows and what the network gets. */
class ThreadsTest extends AliceEngineTest {

    @Test
    void networkThreadMessagesBecomeAMatrixThread() {
        TestNetwork.addGroup("g", "Friends", "bob", "alice", "carol");
        RemoteEvent.Message root = alice.message("g", "bob", "who comes to the cinema?");
        String rootEvent = bed.awaitMessage("g", "who comes to the cinema?").path("event_id").asText();

        // The first answer in the thread falls back to replying to the root.
        alice.threadMessage("g", "carol", root.messageId(), "me", Optional.empty());
        JsonNode first = relation(bed.awaitMessage("g", "me"));
        assertEquals("m.thread", first.path("rel_type").asText());
        assertEquals(rootEvent, first.path("event_id").asText());
        assertTrue(first.path("is_falling_back").asBoolean());
        assertEquals(rootEvent, first.path("m.in_reply_to").path("event_id").asText());
        String meEvent = bed.awaitMessage("g", "me").path("event_id").asText();

        // The next one falls back to the thread's latest event.
        alice.threadMessage("g", "bob", root.messageId(), "great", Optional.empty());
        JsonNode next = relation(bed.awaitMessage("g", "great"));
        assertEquals(rootEvent, next.path("event_id").asText());
        assertTrue(next.path("is_falling_back").asBoolean());
        assertEquals(meEvent, next.path("m.in_reply_to").path("event_id").asText());

        // An explicit reply in the thread is a real reply to that message.
        alice.threadMessage("g", "carol", root.messageId(), "which film?", Optional.of(root.messageId()));
        JsonNode reply = relation(bed.awaitMessage("g", "which film?"));
        assertEquals("m.thread", reply.path("rel_type").asText());
        assertEquals(rootEvent, reply.path("event_id").asText());
        assertFalse(reply.path("is_falling_back").asBoolean(true));
        assertEquals(rootEvent, reply.path("m.in_reply_to").path("event_id").asText());
    }

    @Test
    void aThreadWhoseRootWasNeverBridgedArrivesAsAPlainMessage() {
        TestNetwork.addGroup("g", "Friends", "bob", "alice");
        alice.message("g", "bob", "hello");
        bed.awaitMessage("g", "hello");

        alice.threadMessage("g", "bob", "msg-unknown", "answer to something old", Optional.empty());
        ObjectNode event = bed.awaitMessage("g", "answer to something old");
        assertTrue(event.path("content").path("m.relates_to").isMissingNode(), event.toString());
    }

    @Test
    void aMatrixThreadMessageReachesTheNetworkInItsThreadAndNotAsAReply() {
        TestNetwork.addGroup("g", "Friends", "bob", "alice");
        RemoteEvent.Message root = alice.message("g", "bob", "plans for saturday?");
        String rootEvent = bed.awaitMessage("g", "plans for saturday?").path("event_id").asText();
        alice.threadMessage("g", "bob", root.messageId(), "hiking maybe", Optional.empty());
        String latest = bed.awaitMessage("g", "hiking maybe").path("event_id").asText();
        String room = bed.portalRoom("g").orElseThrow();

        // What Element sends for a message in a thread: the fallback reply to the thread's latest event.
        ObjectNode inThread = text("count me in");
        inThread.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", rootEvent)
                .put("is_falling_back", true).putObject("m.in_reply_to").put("event_id", latest);
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", inThread);
        OutgoingMessage sent = awaitSent("count me in");
        assertEquals(Optional.of(new MessageTarget("g", root.messageId())), sent.threadRoot());
        assertEquals(Optional.empty(), sent.replyTo(), "the fallback is no reply");

        // A real reply inside the thread keeps both.
        ObjectNode answer = text("to the lake?");
        answer.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", rootEvent)
                .put("is_falling_back", false).putObject("m.in_reply_to").put("event_id", latest);
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", answer);
        OutgoingMessage replied = awaitSent("to the lake?");
        assertEquals(Optional.of(new MessageTarget("g", root.messageId())), replied.threadRoot());
        assertTrue(replied.replyTo().isPresent());

        // Outside a thread, nothing changes.
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("see you"));
        assertEquals(Optional.empty(), awaitSent("see you").threadRoot());
    }

    @Test
    void aMatrixThreadWhoseRootIsNotBridgedIsSentToTheChat() {
        TestNetwork.addGroup("g", "Friends", "bob", "alice");
        alice.message("g", "bob", "hi");
        bed.awaitMessage("g", "hi");
        String room = bed.portalRoom("g").orElseThrow();
        // A Matrix-only message (sent before the bridge knew the room, say) as the root.
        ObjectNode inThread = text("about that");
        inThread.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", "$not-bridged")
                .put("is_falling_back", true).putObject("m.in_reply_to").put("event_id", "$not-bridged");
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", inThread);
        OutgoingMessage sent = awaitSent("about that");
        assertEquals(Optional.empty(), sent.threadRoot());
        assertEquals(Optional.empty(), sent.replyTo());
    }

    private static JsonNode relation(ObjectNode event) {
        return event.path("content").path("m.relates_to");
    }
}

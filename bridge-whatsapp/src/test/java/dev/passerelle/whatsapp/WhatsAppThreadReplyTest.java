package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testbed.BridgeBed;
import org.junit.jupiter.api.Test;

/**
 * WhatsApp has no threads: a message written in a Matrix thread goes out as a reply to the thread's latest message
 * (the reply Matrix clients add for those without threads), not as a message answering nothing.
 */
class WhatsAppThreadReplyTest extends ScriptedBridgeTest {

    @Test
    void aMatrixThreadMessageIsAReplyToTheThreadsLatestMessage() {
        String room = bobsRoom();
        String root = bed.awaitMessage(BOB, "hello").path("event_id").asText();
        emit("message", message(BOB_JID, BOB_JID, "SECOND", 1_700_000_001_000L, "in the thread"));
        String latest = bed.awaitMessage(BOB, "in the thread").path("event_id").asText();

        ObjectNode content = BridgeBed.JSON.createObjectNode().put("msgtype", "m.text").put("body", "answer");
        ObjectNode relation = content.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", root)
                .put("is_falling_back", true);
        relation.putObject("m.in_reply_to").put("event_id", latest);
        bed.sendAs(BridgeBed.ALICE, room, "m.room.message", content);

        var sent = sidecar.awaitRequest("send.message", r -> r.params().path("content").path("text").asText()
                .equals("answer")).params();
        assertEquals("SECOND", sent.path("replyTo").path("id").asText(), sent.toString());
    }
}

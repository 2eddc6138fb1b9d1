package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.testnet.SentCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The intake hands an event at least once: after a crash the same Matrix edit can come again. The network must get
 * it once.
 */
class ReplayedEditTest extends AliceEngineTest {

    @Test
    void anEditHandedTwiceIsSentOnce() {
        alice.message("bob", "bob", "hi");
        String room = bed.awaitMessage("bob", "hi").path("room_id").asText();
        String original = bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("see you at 5"))
                .path("event_id").asText();
        until("the message on the network", () -> sent(SentCall.SendMessage.class).size() == 1,
                () -> alice.sent().toString());

        ObjectNode edit = text("* see you at 6");
        edit.set("m.new_content", text("see you at 6"));
        edit.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", original);
        ObjectNode editEvent = bed.sendAs(EngineBed.ALICE, room, "m.room.message", edit);
        until("the edit on the network", () -> sent(SentCall.SendEdit.class).size() == 1,
                () -> alice.sent().toString());

        // The same event again, in a transaction of its own (as after a crash), then a message behind it.
        bed.push(editEvent);
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", text("bye"));
        until("the message after the replay", () -> sent(SentCall.SendMessage.class).size() == 2,
                () -> alice.sent().toString());

        List<SentCall.SendEdit> edits = sent(SentCall.SendEdit.class);
        assertEquals(1, edits.size(), alice.sent().toString());
        assertEquals("see you at 6", ((MessageContent.Text) edits.getFirst().edit().newContent()).text().text());
    }

    private <T extends SentCall> List<T> sent(Class<T> type) {
        return alice.sent().stream().filter(type::isInstance).map(type::cast).toList();
    }
}

package dev.passerelle.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransactionBodyTest {

    private static TransactionBody parse(String json) throws InvalidTransactionException {
        return TransactionBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stableEphemeralAndToDeviceWinOverTheUnstableNamesSoNothingIsHandedTwice() throws Exception {
        TransactionBody body = parse("{\"events\":[],\"ephemeral\":[{\"type\":\"m.typing\"}],"
                + "\"de.sorunome.msc2409.ephemeral\":[{\"type\":\"m.typing\"}],"
                + "\"de.sorunome.msc2409.to_device\":[{\"type\":\"m.x\"}]}");
        assertEquals(1, body.ephemeral().size());
        assertEquals(1, body.toDevice().size());
    }

    @Test
    void errorsSayWhichEventIsWrong() {
        InvalidTransactionException e = assertThrows(InvalidTransactionException.class,
                () -> parse("{\"events\":[{\"type\":\"a\"},{\"sender\":\"@x:y\"}]}"));
        assertEquals("M_BAD_JSON", e.errcode());
        assertTrue(e.getMessage().contains("events[1]"), e.getMessage());
    }

    @Test
    void inboundEventsCarryTheirPositionAndIds() throws Exception {
        TransactionBody body = parse("{\"events\":[{\"type\":\"m.room.message\",\"room_id\":\"!r:x\","
                + "\"event_id\":\"$a\",\"sender\":\"@s:x\"},{\"type\":\"m.room.topic\",\"state_key\":\"\"}]}");
        var events = body.inboundEvents(7, false);
        assertEquals(7, events.get(1).txnSeq());
        assertEquals(1, events.get(1).index());
        assertEquals("$a", events.get(0).eventId());
        assertEquals("", events.get(1).roomId());
        assertEquals(java.util.Optional.of(""), events.get(1).stateKey(), "an empty state key is still a state event");
    }
}

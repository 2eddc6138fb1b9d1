package dev.passerelle.core.intake;

import dev.passerelle.core.store.IntakePosition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One event of a homeserver transaction, as handed to {@link InboundEventHandler}s. Events of one room arrive in
 * the order the homeserver sent them; {@code (txnSeq, index)} is that order.
 *
 * @param txnSeq   the bridge's sequence number of the transaction that carried the event
 * @param index    the event's position in that transaction's {@code events} array
 * @param roomId   the room id, or {@code ""} when the event has none
 * @param eventId  the event id, or {@code ""} when the event has none; with {@code sender} it lets the engine
 *                 recognise echoes of what the bridge sent itself
 * @param sender   the sender's user id, or {@code ""} when the event has none
 * @param type     the event type, e.g. {@code m.room.message}; unknown types are delivered too
 * @param stateKey the state key; present exactly when this is a state event
 * @param json     the whole event as received (including legacy top-level {@code age} and {@code user_id})
 * @param replay   true when the event is handed again after a restart because it was not marked done before;
 *                 handlers are idempotent, so this is informative
 */
public record InboundEvent(
        long txnSeq,
        int index,
        String roomId,
        String eventId,
        String sender,
        String type,
        Optional<String> stateKey,
        ObjectNode json,
        boolean replay) {

    /** Where the event sits in the intake order. */
    public IntakePosition position() {
        return new IntakePosition(txnSeq, index);
    }
}

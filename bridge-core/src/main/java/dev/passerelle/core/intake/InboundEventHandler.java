package dev.passerelle.core.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Receives what the homeserver pushes to the bridge. Called on virtual threads; methods may block.
 *
 * <p>{@link #handle} is called for each persisted event, at least once: events of one room one at a time and in
 * order, different rooms in parallel. An event is done once every handler has returned; after a crash an event
 * handled but not yet recorded as done is handed again ({@link InboundEvent#replay()}), so a handler must be
 * idempotent (Matrix sends use transaction ids derived from event ids). A handler that throws is retried a few
 * times with backoff; if it still fails the event is logged, counted as failed and skipped so that one poison
 * event cannot block its room forever.
 *
 * <p>Ephemeral events (typing, receipts, presence) and to-device events are not stored: they are handed once,
 * in arrival order, and lost if the bridge stops first.
 */
public interface InboundEventHandler {

    /** Handles one room (or room-less) event. Throwing means "try again later". */
    void handle(InboundEvent event) throws Exception;

    /** Handles one ephemeral event ({@code m.typing}, {@code m.receipt}, {@code m.presence}); ignored by default. */
    default void handleEphemeral(ObjectNode event) {
    }

    /** Handles one to-device event; ignored by default. */
    default void handleToDevice(ObjectNode event) {
    }
}

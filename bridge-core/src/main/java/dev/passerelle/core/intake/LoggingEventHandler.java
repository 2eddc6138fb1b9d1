package dev.passerelle.core.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one DEBUG line per event with its ids and type, never its content (which is the users' private messages).
 * Registered by default.
 */
public final class LoggingEventHandler implements InboundEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingEventHandler.class);

    @Override
    public void handle(InboundEvent event) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("event txn_seq={} index={} event_id={} room_id={} type={}{}", event.txnSeq(), event.index(),
                    event.eventId(), event.roomId(), event.type(), event.replay() ? " (replay)" : "");
        }
    }
}

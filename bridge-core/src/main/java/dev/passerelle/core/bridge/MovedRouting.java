package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.store.PortalKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a {@link RemoteEvent.PortalMoved} is handled: on the old portal's queue, which waits while the move is done
 * on the queue of the chat it moved to. So the old chat's earlier events are bridged before it, and the new chat's
 * first message cannot make a portal of its own while the move is being followed.
 */
final class MovedRouting {

    private static final Logger LOG = LoggerFactory.getLogger(MovedRouting.class);

    private MovedRouting() {
    }

    /** Runs on the old portal's queue; blocks until the move is followed. */
    static void follow(PortalQueues queues, PortalEventHandler handler, PortalMoves moves, ActiveLogin login,
                       RemoteEvent.PortalMoved move, Runnable handled) {
        PortalKey from = PortalEventHandler.keyOf(login.network(), move);
        PortalKey to = moves.current(new PortalKey(from.network(), move.newChatId(), from.receiver()));
        try {
            queues.runAndWait(PortalQueues.forPortal(to), () -> handler.handle(login, move));
        } catch (Exception e) {
            LOG.warn("Chat {}/{} moved to {}, but the move was not followed: {}", from.network(), from.chatId(),
                    move.newChatId(), e.toString());
        } finally {
            handled.run();
        }
    }
}

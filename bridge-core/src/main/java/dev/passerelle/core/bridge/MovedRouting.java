package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.store.PortalKey;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a {@link RemoteEvent.PortalMoved} is handled: on both queues at once. When it is routed, a task goes on the
 * old portal's queue and one on the queue of the chat it moved to, together; the move is followed on the new one
 * once the old one has reached it, while the old one waits. So the old chat's earlier events are bridged before
 * the move, and the new chat's first messages (routed right after the move, before it is followed) wait behind it
 * instead of opening a room of their own.
 */
final class MovedRouting {

    private static final Logger LOG = LoggerFactory.getLogger(MovedRouting.class);

    private MovedRouting() {
    }

    /** Queues the move; never blocks (call on the sink's thread). */
    static void route(PortalQueues queues, CatchUp catchUp, PortalEventHandler handler, PortalMoves moves,
                      ActiveLogin login, RemoteEvent.PortalMoved move, Runnable handled) {
        PortalKey from = PortalEventHandler.keyOf(login.network(), move);
        PortalKey to = moves.current(new PortalKey(from.network(), move.newChatId(), from.receiver()));
        if (PortalQueues.forPortal(from).equals(PortalQueues.forPortal(to))) {
            catchUp.submit(login, from, () -> follow(handler, login, from, move, handled));
            return;
        }
        CompletableFuture<Void> reached = new CompletableFuture<>();
        CompletableFuture<Void> followed = new CompletableFuture<>();
        catchUp.submitBoth(login, from, () -> {
            reached.complete(null);
            try {
                queues.await(followed, PortalQueues.forPortal(to));
            } catch (Exception e) {
                LOG.debug("Stopped waiting for the move of {}/{}: {}", from.network(), from.chatId(), e.toString());
            }
        }, to, () -> {
            try {
                queues.await(reached, PortalQueues.forPortal(from));
            } catch (Exception e) {
                // Stopping: the move is not marked handled, so it is handed again after a restart.
                followed.complete(null);
                LOG.info("The move of {}/{} to {} waits for the next start: {}", from.network(), from.chatId(),
                        move.newChatId(), e.toString());
                return;
            }
            try {
                follow(handler, login, from, move, handled);
            } finally {
                followed.complete(null);
            }
        });
    }

    private static void follow(PortalEventHandler handler, ActiveLogin login, PortalKey from,
                               RemoteEvent.PortalMoved move, Runnable handled) {
        try {
            handler.handle(login, move);
        } catch (RuntimeException e) {
            LOG.warn("Chat {}/{} moved to {}, but the move was not followed: {}", from.network(), from.chatId(),
                    move.newChatId(), e.toString());
        } finally {
            handled.run();
        }
    }
}

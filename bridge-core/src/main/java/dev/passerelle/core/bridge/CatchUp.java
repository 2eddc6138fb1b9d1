package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.PortalKey;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catch-up when a login's client reports {@link LoginState#CONNECTED} (at start, and after a transient disconnect):
 * one catch-up task per portal the login is in, on that portal's queue. The login's live events that arrive between
 * the {@code CONNECTED} report and the queueing of those tasks are held back, so that what came while away is
 * bridged before what comes now (a live message also found in history is then skipped as bridged already).
 *
 * <p>{@link #submit} and {@link #connecting} run on the connector's thread and never block; {@link #connected} runs
 * on the login's queue and blocks on the store.
 */
final class CatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

    private final PortalQueues queues;
    private final PortalStore portals;
    private final PortalHistory history;
    private final PortalTask portalTask;
    /** Logins whose live portal events wait for their catch-up to be queued, with those events in order. */
    private final Map<LoginKey, List<Queued>> holding = new HashMap<>();

    /** Runs a fetched message through the same handling as a live one (called on the portal's queue). */
    interface PortalTask {
        void handle(ActiveLogin login, RemoteEvent.Message message);
    }

    private record Queued(String queue, Runnable task) {
    }

    CatchUp(PortalQueues queues, PortalStore portals, PortalHistory history, PortalTask portalTask) {
        this.queues = queues;
        this.portals = portals;
        this.history = history;
        this.portalTask = portalTask;
    }

    /** Before a login's state change is queued: a {@code CONNECTED} client starts holding its live events back. */
    synchronized void connecting(ActiveLogin login, LoginState state) {
        if (state == LoginState.CONNECTED && history.canFetch(login.key(), login.client())) {
            holding.putIfAbsent(login.key(), new ArrayList<>());
        }
    }

    /** Queues a live portal event of {@code login}, or holds it while that login's catch-up is being queued. */
    synchronized void submit(ActiveLogin login, PortalKey portal, Runnable task) {
        List<Queued> held = holding.get(login.key());
        if (held != null) {
            held.add(new Queued(PortalQueues.forPortal(portal), task));
        } else {
            queues.submit(PortalQueues.forPortal(portal), task);
        }
    }

    /**
     * Queues two tasks of one live event on two portals' queues at once (or holds both), so that whatever is
     * submitted after them on either queue runs after them.
     */
    synchronized void submitBoth(ActiveLogin login, PortalKey first, Runnable firstTask, PortalKey second,
                                 Runnable secondTask) {
        submit(login, first, firstTask);
        submit(login, second, secondTask);
    }

    /**
     * After the {@code CONNECTED} state is recorded: queues the catch-up of every portal the login is in, then lets
     * the held events go, in order. Blocks on the store.
     */
    void connected(ActiveLogin login) {
        try {
            if (!history.canFetch(login.key(), login.client())) {
                return;
            }
            List<PortalRow> in = portals.listByLogin(login.key());
            for (PortalRow portal : in) {
                if (portal.roomId().isPresent()) {
                    queues.submit(PortalQueues.forPortal(portal.key()), () -> history.catchUp(login.key(), login.client(),
                            portal.key(), m -> portalTask.handle(login, m)));
                }
            }
            LOG.debug("Login {} connected: catch-up queued for {} portals", login.key(), in.size());
        } catch (RuntimeException e) {
            LOG.error("Could not queue the catch-up of login {}: {}", login.key(), e.toString(), e);
        } finally {
            release(login.key());
        }
    }

    private synchronized void release(LoginKey login) {
        List<Queued> held = holding.remove(login);
        if (held != null) {
            held.forEach(q -> queues.submit(q.queue(), q.task()));
        }
    }

    /** Backfills a portal just created (on its queue, before the event that created it is bridged). */
    void created(ActiveLogin login, PortalRow portal) {
        history.backfill(login.key(), login.client(), portal.key(), m -> portalTask.handle(login, m));
    }
}

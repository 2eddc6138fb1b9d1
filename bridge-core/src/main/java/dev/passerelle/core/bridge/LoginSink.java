package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The {@link RemoteEventSink} of one login's client: hands each event, with the login it came from, to the
 * engine's queues. Never blocks.
 */
final class LoginSink implements RemoteEventSink {

    /** What the engine does with a login's event (queue it); must not block. */
    interface Route {
        /** @param handled run once the event has been handled (or given up on) */
        void route(ActiveLogin login, RemoteEvent event, Runnable handled);
    }

    private final Route route;
    private volatile ActiveLogin login;

    LoginSink(Route route) {
        this.route = route;
    }

    /** Set once the client is loaded, before it connects. */
    void attach(ActiveLogin active) {
        this.login = active;
    }

    @Override
    public void emit(RemoteEvent event) {
        route.route(attached(event), event, () -> { });
    }

    @Override
    public void emitAndWait(List<RemoteEvent> events) throws InterruptedException {
        CountDownLatch handled = new CountDownLatch(events.size());
        for (RemoteEvent event : events) {
            route.route(attached(event), event, handled::countDown);
        }
        handled.await();
    }

    private ActiveLogin attached(RemoteEvent event) {
        ActiveLogin active = login;
        if (active == null) {
            throw new IllegalStateException("A connector emitted " + event.getClass().getSimpleName()
                    + " from loadClient, before connect(); clients must not touch the network before connect()");
        }
        return active;
    }
}

package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;

/**
 * The {@link RemoteEventSink} of one login's client: hands each event, with the login it came from, to the
 * engine's queues. Never blocks.
 */
final class LoginSink implements RemoteEventSink {

    /** What the engine does with a login's event (queue it); must not block. */
    interface Route {
        void route(ActiveLogin login, RemoteEvent event);
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
        ActiveLogin active = login;
        if (active == null) {
            throw new IllegalStateException("A connector emitted " + event.getClass().getSimpleName()
                    + " from loadClient, before connect(); clients must not touch the network before connect()");
        }
        route.route(active, event);
    }
}

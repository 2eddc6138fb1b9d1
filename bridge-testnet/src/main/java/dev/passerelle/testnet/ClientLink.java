package dev.passerelle.testnet;

import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import java.time.Duration;
import java.time.Instant;

/**
 * The connection of one client: connected or not, session valid or revoked, and the scripted outages. Methods run
 * under the world's lock (they take it; it is reentrant).
 */
final class ClientLink {

    private final World world;
    private final RemoteEventSink sink;
    private boolean loggedIn;
    private boolean connected;
    private boolean outage;
    private long generation;

    ClientLink(World world, RemoteEventSink sink, boolean sessionValid) {
        this.world = world;
        this.sink = sink;
        this.loggedIn = sessionValid;
    }

    void connect() {
        world.lock.lock();
        try {
            generation++;
            if (!loggedIn) {
                state(LoginState.BAD_CREDENTIALS, "Test Network no longer accepts this session (it was revoked); "
                        + "log in again with `login`.");
            } else if (outage) {
                state(LoginState.CONNECTING, "Connecting to Test Network.");
            } else {
                connected = true;
                state(LoginState.CONNECTED, "Connected to Test Network.");
            }
        } finally {
            world.lock.unlock();
        }
    }

    void disconnect() {
        world.lock.lock();
        try {
            generation++;
            connected = false;
        } finally {
            world.lock.unlock();
        }
    }

    boolean isLoggedIn() {
        world.lock.lock();
        try {
            return loggedIn;
        } finally {
            world.lock.unlock();
        }
    }

    boolean isReceiving() {
        world.lock.lock();
        try {
            return loggedIn && connected;
        } finally {
            world.lock.unlock();
        }
    }

    /** The engine logged out: no event, the session is gone. */
    void loggedOut() {
        world.lock.lock();
        try {
            generation++;
            loggedIn = false;
            connected = false;
        } finally {
            world.lock.unlock();
        }
    }

    /** The network revoked the session: the client says so and stops. */
    void revoked() {
        world.lock.lock();
        try {
            generation++;
            boolean wasConnected = connected;
            loggedIn = false;
            connected = false;
            if (wasConnected) {
                state(LoginState.BAD_CREDENTIALS, "Test Network revoked this session (the device was removed); "
                        + "log in again with `login`.");
            }
        } finally {
            world.lock.unlock();
        }
    }

    /** Loses the connection now and gets it back after {@code duration}, unless the engine disconnects meanwhile. */
    void outageFor(Duration duration) {
        world.lock.lock();
        try {
            requireConnected();
            outage = true;
            connected = false;
            long mine = ++generation;
            state(LoginState.TRANSIENT_DISCONNECT, "Lost the connection to Test Network; reconnecting.");
            Thread.ofVirtual().name("testnet-outage").start(() -> endOutageAfter(duration, mine));
        } finally {
            world.lock.unlock();
        }
    }

    /** Delivers a scripted event; the client must be connected, as a real network delivers only then. */
    void emit(RemoteEvent event) {
        world.lock.lock();
        try {
            requireConnected();
            sink.emit(event);
        } finally {
            world.lock.unlock();
        }
    }

    void checkCanSend() throws NetworkException {
        if (!loggedIn) {
            throw new NetworkException("Test Network no longer accepts this session; log in again with `login`",
                    false);
        }
        if (!connected) {
            throw new NetworkException("Not connected to Test Network right now; the message will be retried", true);
        }
    }

    private void requireConnected() {
        if (!loggedIn || !connected) {
            throw new IllegalStateException("The client is not connected (logged in: " + loggedIn
                    + "); call connect() first, or wait for the outage to end");
        }
    }

    private void endOutageAfter(Duration duration, long mine) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            return;
        }
        world.lock.lock();
        try {
            outage = false;
            if (generation == mine && loggedIn) {
                connected = true;
                state(LoginState.CONNECTED, "Reconnected to Test Network.");
            }
        } finally {
            world.lock.unlock();
        }
    }

    private void state(LoginState state, String message) {
        sink.emit(new RemoteEvent.LoginStateChanged(state, message, Instant.now()));
    }
}

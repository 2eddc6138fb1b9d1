package dev.passerelle.core;

import dev.passerelle.core.config.PasserelleConfig;

/**
 * The running bridge: the appservice HTTP server, the durable intake and its dispatcher, the Matrix client, the
 * store and the metrics, wired from one validated config. {@code bridge-app}'s {@code run} command and the
 * end-to-end tests start it the same way.
 */
public final class Passerelle implements AutoCloseable {

    private Passerelle() {
    }

    /**
     * Starts the bridge and returns once its HTTP listeners are bound. Connecting to the homeserver goes on in the
     * background (with retries) so that a homeserver that is down does not stop the bridge from starting.
     */
    public static Passerelle start(PasserelleConfig config) {
        throw new IllegalStateException("the runtime is being written on the intake branch");
    }

    /** Stops accepting transactions, lets handlers finish the event in hand, and closes the store. */
    @Override
    public void close() {
    }
}

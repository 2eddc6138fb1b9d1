package dev.passerelle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.telegram.td.TdClient;
import dev.passerelle.telegram.td.TdException;
import dev.passerelle.telegram.td.TdReceiveLoop;
import dev.passerelle.telegram.td.api.AuthRequest;
import dev.passerelle.telegram.td.api.AuthorizationState;
import dev.passerelle.telegram.td.api.TdCodec;
import dev.passerelle.telegram.td.api.TdObject;
import dev.passerelle.telegram.td.api.TdRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running TDLib client on a {@link TdDatabase}: started with the connector's parameters, its authorization states
 * queued for whoever drives the login or the connection, its other updates handed to a consumer.
 */
public final class TdInstance {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final TdClient client;
    private final TdDatabase database;
    private final BlockingQueue<AuthorizationState> states = new LinkedBlockingQueue<>();
    private volatile AuthorizationState state = new AuthorizationState.WaitTdlibParameters();

    private TdInstance(TdReceiveLoop loop, TdDatabase database, String name, Consumer<JsonNode> updates) {
        this.database = database;
        this.client = loop.newClient(name, update -> {
            if ("updateAuthorizationState".equals(update.path("@type").asText())) {
                AuthorizationState s = TdCodec.read(update.path("authorization_state"), AuthorizationState.class);
                if (s != null) {
                    synchronized (this) {
                        state = s;
                        notifyAll();
                    }
                    states.add(s);
                }
            } else {
                updates.accept(update);
            }
        });
    }

    /**
     * Starts a client on {@code database} and answers its {@code setTdlibParameters}; returns once TDLib has said
     * where the login stands (waiting for a phone number, ready...), which {@link #nextState} then gives first.
     */
    public static TdInstance start(TdReceiveLoop loop, TdDatabase database, TelegramConfig config, String name,
                                   Consumer<JsonNode> updates) throws TdException {
        TdInstance td = new TdInstance(loop, database, name, updates);
        td.client.call(new AuthRequest.GetAuthorizationState()); // the first request starts the client
        td.nextState(START_TIMEOUT).filter(s -> s instanceof AuthorizationState.WaitTdlibParameters)
                .orElseThrow(() -> new TdException(new dev.passerelle.telegram.td.api.TdError(500,
                        "TDLib did not ask for its parameters")));
        td.client.call(new AuthRequest.SetTdlibParameters(false, database.directory().toString(),
                database.filesDirectory().toString(), database.encryptionKey(), true, true, true, false,
                config.apiId(), config.apiHash(), "en", config.deviceModel(), "Linux", "Passerelle"));
        return td;
    }

    public <R extends TdObject> R call(TdRequest<R> request) throws TdException {
        return client.call(request);
    }

    public TdDatabase database() {
        return database;
    }

    /** The latest authorization state TDLib reported. */
    public AuthorizationState state() {
        return state;
    }

    /** The next authorization state TDLib reports, waiting at most {@code timeout}; empty when none came. */
    public Optional<AuthorizationState> nextState(Duration timeout) {
        try {
            return Optional.ofNullable(states.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Closes the client and waits until TDLib says it is closed (its database may then be reopened or deleted). */
    public void close() {
        if (!(state instanceof AuthorizationState.Closed)) {
            try {
                client.call(new AuthRequest.Close());
            } catch (TdException e) {
                // already closing: wait for Closed below
            }
            awaitClosed();
        }
        client.forget();
    }

    /**
     * Waits (up to 30 s) for {@code authorizationStateClosed}, after {@code close} or {@code logOut}. Watches the
     * latest state, not the queue, which the login or the client may be reading at the same time.
     */
    public synchronized boolean awaitClosed() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!(state instanceof AuthorizationState.Closed)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}

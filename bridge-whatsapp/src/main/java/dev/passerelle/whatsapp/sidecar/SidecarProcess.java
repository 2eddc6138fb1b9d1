package dev.passerelle.whatsapp.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sidecar process serving every WhatsApp login, kept alive: started with a version handshake, pinged as a
 * heartbeat, and restarted with backoff when it dies or hangs. After a restart {@link Listener#onRestart()} is
 * called so that every login opens its session again. Requests that were waiting when it died fail with
 * {@link SidecarException#DIED}; callers decide to retry or report.
 */
public final class SidecarProcess implements AutoCloseable {

    /** The sidecar protocol version this bridge speaks (every line carries it; the handshake checks it). */
    public static final int PROTOCOL_VERSION = SidecarConnection.PROTOCOL_VERSION;

    private static final Logger LOG = LoggerFactory.getLogger(SidecarProcess.class);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    /** What the connector hears from the sidecar. */
    public interface Listener {
        /** An event; called on the reader thread in the sidecar's order, must not block for long. */
        void onEvent(SidecarEvent event);

        /** A request of the sidecar (auth state reads and writes); may block. */
        JsonNode onRequest(String method, JsonNode params) throws SidecarException;

        /** A new sidecar process answers after the previous one died or hung: sessions must be opened again. */
        void onRestart();
    }

    private final SidecarLauncher launcher;
    private final Listener listener;
    private final SidecarSettings settings;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Object lock = new Object();
    private volatile SidecarConnection current;
    private volatile boolean closed;
    private volatile JsonNode hello;
    private volatile int restarts;
    private Thread supervisor;

    public SidecarProcess(SidecarLauncher launcher, Listener listener, SidecarSettings settings) {
        this.launcher = launcher;
        this.listener = listener;
        this.settings = settings;
    }

    /**
     * Starts the sidecar and checks its protocol version; then supervises it until {@link #close()}.
     *
     * @throws SidecarException when it cannot start or speaks another version; the message says what to do
     */
    public void start() throws SidecarException {
        current = launchChecked();
        supervisor = Thread.ofVirtual().name("whatsapp-sidecar-supervisor").start(this::supervise);
    }

    /** What the sidecar said in the handshake (protocol, baileys and node versions, pid). */
    public JsonNode hello() {
        return hello;
    }

    /** How many times the sidecar was restarted since start. */
    public int restarts() {
        return restarts;
    }

    /** Whether a sidecar is up and answering right now. */
    public boolean isUp() {
        SidecarConnection c = current;
        return c != null && !c.isDead();
    }

    /** Waits until a sidecar is up, at most {@code timeout}; false when none came up in time. */
    public boolean awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!isUp() && !closed) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return isUp();
    }

    /** A request with the default timeout. */
    public JsonNode call(String method, JsonNode params) throws SidecarException {
        return call(method, params, settings.requestTimeout());
    }

    /**
     * Sends a request to the current sidecar and waits for the answer.
     *
     * @throws SidecarException {@link SidecarException#UNAVAILABLE} while it restarts, {@link SidecarException#DIED}
     *                          when it died before answering, or the sidecar's own refusal
     */
    public JsonNode call(String method, JsonNode params, Duration timeout) throws SidecarException {
        SidecarConnection c = current;
        if (c == null || c.isDead()) {
            throw new SidecarException(SidecarException.UNAVAILABLE, "the WhatsApp sidecar is restarting");
        }
        return c.call(method, params, timeout);
    }

    /** Kills the running sidecar as a crash would (for tests and for the {@code restart} admin path). */
    public void kill() {
        SidecarConnection c = current;
        if (c != null) {
            c.die("killed");
        }
    }

    private SidecarConnection launchChecked() throws SidecarException {
        SidecarLauncher.Running running;
        try {
            running = launcher.launch();
        } catch (IOException e) {
            throw new SidecarException(SidecarException.START, e.getMessage(), e);
        }
        SidecarConnection connection = new SidecarConnection(running, mapper, new SidecarConnection.Handler() {
            @Override
            public void onEvent(SidecarEvent event) {
                listener.onEvent(event);
            }

            @Override
            public JsonNode onRequest(String method, JsonNode params) throws SidecarException {
                return listener.onRequest(method, params);
            }
        });
        try {
            JsonNode answer = connection.call("hello",
                    mapper.createObjectNode().put("protocol", SidecarConnection.PROTOCOL_VERSION), HANDSHAKE_TIMEOUT);
            int version = answer.path("protocol").asInt(-1);
            if (version != SidecarConnection.PROTOCOL_VERSION) {
                throw new SidecarException(SidecarException.VERSION, "it answered protocol " + version);
            }
            hello = answer;
            LOG.info("WhatsApp sidecar up ({}, {}): protocol {}, Baileys {}, Node {}", connection.name(), launcher,
                    version, answer.path("baileys").asText("?"), answer.path("node").asText("?"));
            return connection;
        } catch (SidecarException e) {
            String problem = connection.versionProblem().orElse(
                    SidecarException.VERSION.equals(e.code()) ? e.getMessage() : null);
            connection.die("handshake failed");
            if (problem != null) {
                throw new SidecarException(SidecarException.VERSION, "The WhatsApp sidecar (" + launcher + ") is of "
                        + "another version: " + problem + ". Use the whatsapp-sidecar directory that came with this "
                        + "passerelle.jar (or point networks.whatsapp.sidecar_path at it).");
            }
            throw new SidecarException(SidecarException.START, "The WhatsApp sidecar (" + launcher + ") did not "
                    + "answer the handshake: " + e.getMessage() + ". Check the sidecar's messages in the log above.",
                    e);
        }
    }

    private void supervise() {
        Duration backoff = settings.restartBackoff();
        while (!closed) {
            SidecarConnection c = current;
            String reason;
            try {
                reason = c.dead().get(settings.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                try {
                    c.call("ping", null, settings.heartbeatTimeout());
                } catch (SidecarException pingFailed) {
                    if (!closed && !c.isDead()) {
                        LOG.warn("The WhatsApp sidecar did not answer its heartbeat ({}); restarting it",
                                pingFailed.getMessage());
                        c.die("it hung");
                    }
                }
                continue;
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException e) {
                reason = String.valueOf(e.getCause());
            }
            if (closed) {
                return;
            }
            LOG.warn("The WhatsApp sidecar stopped ({}); restarting it", reason);
            if (c.age().compareTo(settings.maxBackoff().multipliedBy(2)) > 0) {
                backoff = settings.restartBackoff(); // it had run for a good while: not a crash loop
            }
            while (!closed) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return;
                }
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
                try {
                    SidecarConnection next = launchChecked();
                    if (closed) { // closed while it started: it must not outlive the bridge
                        next.die("the bridge stopped");
                        return;
                    }
                    synchronized (lock) {
                        current = next;
                        restarts++;
                        lock.notifyAll();
                    }
                    break;
                } catch (SidecarException e) {
                    LOG.error("The WhatsApp sidecar could not be restarted: {}; trying again in {} s", e.getMessage(),
                            backoff.toSeconds());
                }
            }
            if (!closed) {
                try {
                    listener.onRestart();
                } catch (RuntimeException e) {
                    LOG.error("Reopening WhatsApp sessions after a sidecar restart failed: {}", e.toString(), e);
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops the sidecar (closing its stdin lets it close its sockets) and the supervision. */
    @Override
    public void close() {
        closed = true;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        SidecarConnection c = current;
        if (c != null) {
            c.die("the bridge stopped");
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}

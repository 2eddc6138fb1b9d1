package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.whatsapp.sidecar.SidecarException;
import dev.passerelle.whatsapp.sidecar.SidecarProcess;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Requests of one session, with patience: a request that failed because the sidecar died, restarted or was between
 * connections is sent again (same parameters, so a send keeps its message id and WhatsApp does not show it twice)
 * once the session is connected again, for up to {@code patience} (3 s when WhatsApp itself is unreachable rather
 * than the sidecar restarting); after that it fails as a transient
 * {@link NetworkException} that says it was not sent. Never silently lost.
 */
final class SidecarCalls {

    private static final Duration SHORT_WAIT = Duration.ofSeconds(3);

    private final SidecarProcess sidecar;
    private final String session;
    private final Duration patience;
    private final ConnectedWait connected;

    /** Waits until the session is connected again, at most the given time; false when it is not. */
    @FunctionalInterface
    interface ConnectedWait {
        boolean await(Duration timeout);
    }

    SidecarCalls(SidecarProcess sidecar, String session, Duration patience, ConnectedWait connected) {
        this.sidecar = sidecar;
        this.session = session;
        this.patience = patience;
        this.connected = connected;
    }

    static ObjectNode params() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** One attempt, no patience (opening and closing sessions). */
    JsonNode once(String method, ObjectNode params) throws SidecarException {
        params.put("session", session);
        return sidecar.call(method, params);
    }

    JsonNode call(String method, ObjectNode params, String what) throws NetworkException {
        return call(method, params, what, e -> Optional.empty());
    }

    /** Like {@link #call(String, ObjectNode, String)}; a final refusal is told with {@code explain}'s words if any. */
    JsonNode call(String method, ObjectNode params, String what, Function<SidecarException, Optional<String>> explain)
            throws NetworkException {
        params.put("session", session);
        long deadline = 0;
        while (true) {
            try {
                return sidecar.call(method, params);
            } catch (SidecarException e) {
                if (!e.isTransient()) {
                    throw new NetworkException(explain.apply(e).orElse("WhatsApp refused " + what + ": "
                            + e.getMessage()), false, e);
                }
                if (deadline == 0) {
                    // A sidecar restart is back within seconds: worth the whole patience. WhatsApp itself being
                    // unreachable may last: wait briefly, then let the engine tell the user (the portal's other
                    // messages wait behind this one).
                    Duration wait = "NOT_CONNECTED".equals(e.code()) ? min(patience, SHORT_WAIT) : patience;
                    deadline = System.nanoTime() + wait.toNanos();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !connected.await(Duration.ofNanos(left))) {
                    throw new NetworkException("WhatsApp did not confirm " + what + " (" + e.getMessage()
                            + "), so it was not sent. It is tried again while the bridge reconnects; if this stays, "
                            + "check the bridge's connection to WhatsApp with `ping`.", true, e);
                }
            }
        }
    }


    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

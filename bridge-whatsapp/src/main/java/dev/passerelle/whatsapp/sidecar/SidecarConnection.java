package dev.passerelle.whatsapp.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running sidecar process and the protocol over its streams: our requests and their responses, its events, its
 * requests to us, its stderr into the log. Dies once (process exit, broken stream, or {@link #die}); every request
 * still waiting then fails with {@link SidecarException#DIED}.
 */
final class SidecarConnection {

    // 2: polls (options with ids, poll_vote events, sending polls).
    static final int PROTOCOL_VERSION = 2;
    private static final Logger LOG = LoggerFactory.getLogger(SidecarConnection.class);
    private static final Logger SIDECAR_LOG = LoggerFactory.getLogger("dev.passerelle.whatsapp.sidecar.node");

    /** What the connection hands up. Called on the connection's threads; must not block for long. */
    interface Handler {
        void onEvent(SidecarEvent event);

        /** Serves a request of the sidecar (auth state); runs on its own virtual thread and may block. */
        JsonNode onRequest(String method, JsonNode params) throws SidecarException;
    }

    private final SidecarLauncher.Running running;
    private final ObjectMapper mapper;
    private final Handler handler;
    private final OutputStream out;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final CompletableFuture<String> dead = new CompletableFuture<>();
    private final long startedAt = System.nanoTime();
    private volatile String versionProblem;

    SidecarConnection(SidecarLauncher.Running running, ObjectMapper mapper, Handler handler) {
        this.running = running;
        this.mapper = mapper;
        this.handler = handler;
        this.out = running.stdin();
        Thread.ofVirtual().name("whatsapp-sidecar-out").start(this::readLines);
        Thread.ofVirtual().name("whatsapp-sidecar-err").start(this::readStderr);
    }

    String name() {
        return running.name();
    }

    /** Completes with the reason once the connection is dead. */
    CompletableFuture<String> dead() {
        return dead;
    }

    boolean isDead() {
        return dead.isDone();
    }

    Duration age() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** Sends a request and waits for its response. */
    JsonNode call(String method, JsonNode params, Duration timeout) throws SidecarException {
        if (dead.isDone()) {
            throw new SidecarException(SidecarException.DIED, "the WhatsApp sidecar is restarting");
        }
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        if (dead.isDone()) { // died between the check above and the put: die() did not see this request
            pending.remove(id);
            throw new SidecarException(SidecarException.DIED, "the WhatsApp sidecar is restarting");
        }
        ObjectNode request = mapper.createObjectNode().put("v", PROTOCOL_VERSION).put("type", "request").put("id", id)
                .put("method", method);
        request.set("params", params == null ? mapper.createObjectNode() : params);
        try {
            write(request);
            return answer.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SidecarException(SidecarException.TIMEOUT, "the WhatsApp sidecar did not answer " + method
                    + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SidecarException se) {
                throw new SidecarException(se.code(), se.getMessage(), se);
            }
            throw new SidecarException(SidecarException.DIED, "the WhatsApp sidecar failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SidecarException(SidecarException.DIED, "interrupted while waiting for the WhatsApp sidecar");
        } finally {
            pending.remove(id);
        }
    }

    /** Kills the process; waiting requests fail with {@link SidecarException#DIED}. */
    void die(String reason) {
        if (dead.complete(reason)) {
            running.kill();
            SidecarException died = new SidecarException(SidecarException.DIED, "the WhatsApp sidecar stopped ("
                    + reason + ") before answering");
            pending.values().forEach(f -> f.completeExceptionally(died));
        }
    }

    /** Set when a line came in another protocol version: the handshake then fails with this. */
    Optional<String> versionProblem() {
        return Optional.ofNullable(versionProblem);
    }

    private void write(JsonNode message) throws SidecarException {
        byte[] line = (message.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (out) {
                out.write(line);
                out.flush();
            }
        } catch (IOException e) {
            die("its input closed: " + e.getMessage());
            throw new SidecarException(SidecarException.DIED, "the WhatsApp sidecar is not running");
        }
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(running.stdout(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    receive(line);
                }
            }
            die("it exited");
        } catch (IOException e) {
            die("its output broke: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("The WhatsApp sidecar's output could not be handled", e);
            die("its output could not be handled: " + e);
        }
    }

    private void receive(String line) {
        JsonNode message;
        try {
            message = mapper.readTree(line);
        } catch (IOException e) {
            LOG.warn("The WhatsApp sidecar wrote a line that is not JSON ({} characters); ignored", line.length());
            return;
        }
        int version = message.path("v").asInt(-1);
        if (version != PROTOCOL_VERSION) {
            versionProblem = "it speaks protocol version " + (version < 0 ? "(none)" : version)
                    + " and this bridge speaks " + PROTOCOL_VERSION;
            pending.values().forEach(f -> f.completeExceptionally(
                    new SidecarException(SidecarException.VERSION, versionProblem)));
            return;
        }
        switch (message.path("type").asText()) {
            case "response" -> {
                CompletableFuture<JsonNode> waiting = pending.get(message.path("id").asLong(-1));
                if (waiting == null) {
                    return;
                }
                if (message.path("ok").asBoolean()) {
                    waiting.complete(message.path("result"));
                } else {
                    JsonNode error = message.path("error");
                    waiting.completeExceptionally(new SidecarException(error.path("code").asText("FAILED"),
                            error.path("message").asText("the WhatsApp sidecar refused")));
                }
            }
            case "event" -> {
                String session = message.path("session").asText("");
                try {
                    handler.onEvent(new SidecarEvent(message.path("event").asText(),
                            session.isEmpty() ? Optional.empty() : Optional.of(session), message.path("data")));
                } catch (RuntimeException e) {
                    LOG.error("Could not handle the WhatsApp sidecar's {} event: {}", message.path("event").asText(),
                            e.toString(), e);
                }
            }
            case "request" -> Thread.ofVirtual().name("whatsapp-sidecar-request").start(() -> answer(message));
            default -> LOG.warn("The WhatsApp sidecar sent a line of unknown type {}; ignored",
                    message.path("type").asText());
        }
    }

    private void answer(JsonNode request) {
        ObjectNode response = mapper.createObjectNode().put("v", PROTOCOL_VERSION).put("type", "response");
        response.set("id", request.path("id"));
        try {
            JsonNode result = handler.onRequest(request.path("method").asText(), request.path("params"));
            response.put("ok", true).set("result", result);
        } catch (SidecarException | RuntimeException e) {
            String code = e instanceof SidecarException se ? se.code() : "FAILED";
            LOG.error("Could not serve the WhatsApp sidecar's {} request: {}", request.path("method").asText(),
                    e.toString());
            response.put("ok", false).putObject("error").put("code", code).put("message", String.valueOf(e.getMessage()));
        }
        try {
            write(response);
        } catch (SidecarException e) {
            LOG.debug("The answer to the sidecar's {} request was lost: it died", request.path("method").asText());
        }
    }

    // Node writes "LEVEL message {fields}" lines (see sidecar/src/logger.js); anything else is logged as a warning.
    private void readStderr() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(running.stderr(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ERROR ") || line.startsWith("FATAL ")) {
                    SIDECAR_LOG.error("{}", line);
                } else if (line.startsWith("INFO ")) {
                    SIDECAR_LOG.info("{}", line);
                } else if (line.startsWith("DEBUG ") || line.startsWith("TRACE ")) {
                    SIDECAR_LOG.debug("{}", line);
                } else if (!line.isBlank()) {
                    SIDECAR_LOG.warn("{}", line);
                }
            }
        } catch (IOException e) {
            LOG.debug("The WhatsApp sidecar's stderr closed: {}", e.getMessage());
        }
    }
}

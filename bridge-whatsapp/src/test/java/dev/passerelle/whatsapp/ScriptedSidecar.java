package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.whatsapp.sidecar.SidecarLauncher;
import dev.passerelle.whatsapp.sidecar.SidecarProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A sidecar scripted by tests, at the process boundary: it speaks the sidecar protocol (line-delimited JSON on
 * stdin/stdout, version {@code v} on every line, the {@code hello} handshake, {@code ping}, sessions, sends, auth
 * state requests to the bridge) over the same three streams as the Node process, so everything above the streams
 * is the real connector. Each {@link #launch()} is a new "process"; {@link #crash()} ends the current one as a
 * SIGKILL would. By default sessions connect at once and sends succeed; {@link #on} changes an answer.
 */
final class ScriptedSidecar implements SidecarLauncher {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A request the sidecar received, with the generation (process) that received it. */
    record Request(int generation, String method, JsonNode params) {
    }

    /** What the script answers: a result, or {@link #NO_ANSWER} to never answer. */
    static final JsonNode NO_ANSWER = JSON.createObjectNode().put("__no_answer", true);

    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Function<Request, JsonNode>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger generations = new AtomicInteger();
    private final AtomicInteger sendIds = new AtomicInteger();
    private volatile Process current;
    volatile int protocolVersion = SidecarProcess.PROTOCOL_VERSION;
    /** Whether session.open connects the session at once (emits connecting then open). */
    volatile boolean autoConnect = true;
    /** The account each session id connects as when it opens (default: its own id, as a phone number). */
    final Map<String, String> accounts = new ConcurrentHashMap<>();

    /** Answers {@code method} with {@code answer} from now on (it may throw {@link Refusal} or crash). */
    void on(String method, Function<Request, JsonNode> answer) {
        answers.put(method, answer);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    /** Waits for a request matching {@code test}. */
    Request awaitRequest(String method, Predicate<Request> test) {
        long deadline = System.nanoTime() + RecordingSink.WAIT.toNanos();
        while (true) {
            for (Request r : requests(method)) {
                if (test.test(r)) {
                    return r;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("No " + method + " request matching within " + RecordingSink.WAIT
                        + "; got " + requests());
            }
            sleep(10);
        }
    }

    int generation() {
        return generations.get();
    }

    /** Writes an event of {@code session} to the bridge. */
    void emit(String event, String session, JsonNode data) {
        process().send(JSON.createObjectNode().put("v", protocolVersion).put("type", "event").put("event", event)
                .put("session", session).set("data", data));
    }

    /** Writes an event that concerns no session (e.g. {@code lid_mapping}). */
    void emitGlobal(String event, JsonNode data) {
        process().send(JSON.createObjectNode().put("v", protocolVersion).put("type", "event").put("event", event)
                .set("data", data));
    }

    /** Asks the bridge (auth state) and waits for its answer. */
    JsonNode ask(String method, JsonNode params) {
        return process().ask(method, params);
    }

    /** Ends the current process at once: its streams close, unanswered requests stay unanswered. */
    void crash() {
        Process p = current;
        if (p != null) {
            p.kill();
        }
    }

    private Process process() {
        Process p = current;
        if (p == null || !p.alive) {
            throw new IllegalStateException("no scripted sidecar is running");
        }
        return p;
    }

    @Override
    public Running launch() {
        Process p = new Process(generations.incrementAndGet());
        current = p;
        return p;
    }

    @Override
    public String toString() {
        return "scripted sidecar";
    }

    /** Thrown by an answer to refuse a request with a code. */
    static final class Refusal extends RuntimeException {
        final String code;

        Refusal(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One scripted process: reads the bridge's lines, answers them, writes events. */
    final class Process implements Running {
        final int generation;
        final LinePipe toSidecar = new LinePipe();
        final LinePipe fromSidecar = new LinePipe();
        final LinePipe stderr = new LinePipe();
        final Map<String, CompletableFuture<JsonNode>> asked = new ConcurrentHashMap<>();
        final AtomicInteger askIds = new AtomicInteger();
        volatile boolean alive = true;

        Process(int generation) {
            this.generation = generation;
            Thread.ofVirtual().name("scripted-sidecar-" + generation).start(this::serve);
        }

        void send(JsonNode line) {
            synchronized (this) {
                try {
                    fromSidecar.out.write((line.toString() + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // The process is dead: the line is lost, as with a real process.
                }
            }
        }

        JsonNode ask(String method, JsonNode params) {
            String id = "s" + askIds.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            asked.put(id, answer);
            ObjectNode request = JSON.createObjectNode().put("v", protocolVersion).put("type", "request")
                    .put("id", id).put("method", method);
            request.set("params", params);
            send(request);
            try {
                return answer.get(RecordingSink.WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("The bridge did not answer " + method + ": " + e, e);
            }
        }

        private void serve() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(toSidecar.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode message = JSON.readTree(line);
                    if (message.path("type").asText().equals("response")) {
                        CompletableFuture<JsonNode> f = asked.remove(message.path("id").asText());
                        if (f != null) {
                            f.complete(message);
                        }
                        continue;
                    }
                    Request request = new Request(generation, message.path("method").asText(), message.path("params"));
                    synchronized (ScriptedSidecar.this) {
                        requests.add(request);
                    }
                    // Answer on a thread of its own, as Node answers requests concurrently.
                    Thread.ofVirtual().start(() -> answer(message, request));
                }
            } catch (IOException e) {
                // closed
            }
            kill();
        }

        private void answer(JsonNode message, Request request) {
            ObjectNode response = JSON.createObjectNode().put("v", protocolVersion).put("type", "response");
            response.set("id", message.path("id"));
            try {
                JsonNode result = answers.getOrDefault(request.method(), r -> defaultAnswer(this, r)).apply(request);
                if (result == NO_ANSWER || !alive) {
                    return;
                }
                response.put("ok", true).set("result", result);
            } catch (Refusal e) {
                response.put("ok", false).putObject("error").put("code", e.code).put("message", e.getMessage());
            }
            send(response);
        }

        @Override
        public OutputStream stdin() {
            return toSidecar.out;
        }

        @Override
        public InputStream stdout() {
            return fromSidecar.in;
        }

        @Override
        public InputStream stderr() {
            return stderr.in;
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public void kill() {
            alive = false;
            toSidecar.close();
            fromSidecar.close();
            stderr.close();
        }

        @Override
        public String name() {
            return "scripted sidecar #" + generation;
        }
    }

    private JsonNode defaultAnswer(Process p, Request r) {
        String session = r.params().path("session").asText();
        return switch (r.method()) {
            case "hello" -> object().put("protocol", protocolVersion).put("baileys", "scripted").put("node", "none")
                    .put("pid", -p.generation);
            case "ping" -> object().put("sessions", 0);
            case "session.open" -> {
                // Like the real sidecar: the auth state is read from the bridge first.
                p.ask("state.get", object().put("session", session).set("names", JSON.createArrayNode().add("creds")));
                p.send(event("connection", session, object().put("state", "connecting")));
                if (autoConnect && !session.startsWith("login-")) {
                    String account = accounts.getOrDefault(session, session);
                    ObjectNode open = object().put("state", "open");
                    open.putObject("me").put("id", WhatsAppIds.jidOf(account));
                    p.send(event("connection", session, open));
                }
                yield object();
            }
            case "send.message", "send.reaction" -> object()
                    .put("id", r.params().path("messageId").asText("SCRIPTED" + sendIds.incrementAndGet()))
                    .put("timestamp", 1_700_000_000_000L + sendIds.incrementAndGet() * 1000L);
            default -> object();
        };
    }

    static ObjectNode event(String event, String session, JsonNode data) {
        ObjectNode line = JSON.createObjectNode().put("v", SidecarProcess.PROTOCOL_VERSION).put("type", "event").put("event", event)
                .put("session", session);
        line.set("data", data);
        return line;
    }
}

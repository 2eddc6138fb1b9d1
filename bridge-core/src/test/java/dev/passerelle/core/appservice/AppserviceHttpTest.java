package dev.passerelle.core.appservice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.Passerelle;
import dev.passerelle.core.TestConfigs;
import dev.passerelle.core.intake.InboundEventHandler;
import dev.passerelle.core.metrics.ReadinessChecks;
import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.net.FreePort;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;

/**
 * Shared plumbing for tests that talk HTTP to a real {@link Passerelle}: starting it on a test database, sending
 * requests the way a homeserver does, raw-socket requests for body-limit cases, and polling with a deadline.
 */
public abstract class AppserviceHttpTest {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String PREFIX = "/_matrix/app/v1";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    protected Passerelle bridge;
    /** The homeserver of the bridge, started with it; kept across restarts of the bridge within one test. */
    protected FakeHomeserver homeserver;
    private Vertx homeserverVertx;

    /** Starts (or restarts) the bridge on {@code db} with these handlers after the logging one. */
    protected Passerelle start(TestDatabase db, InboundEventHandler... handlers) {
        if (homeserver == null) {
            int port = FreePort.find();
            homeserverVertx = Vertx.vertx();
            homeserver = FakeHomeserver.start(homeserverVertx, TestConfigs.homeserverFor(port));
            bridgePort = port;
        }
        bridge = Passerelle.start(TestConfigs.config(db, homeserver.url(), bridgePort), Path.of("."),
                List.of(handlers));
        // The homeserver link is checked in the background; tests start from a bridge that is fully ready.
        until(Duration.ofSeconds(10), "the bridge to be ready",
                () -> ReadinessChecks.allReady(bridge.readiness().evaluate()));
        return bridge;
    }

    private int bridgePort;

    /** Set by tests that share one bridge across the class and close it themselves. */
    protected boolean sharedBridge;

    @AfterEach
    void closeBridge() {
        if (bridge != null && !sharedBridge) {
            bridge.close();
            closeHomeserver();
        }
    }

    /** For tests with a shared bridge, from their own {@code @AfterAll}. */
    protected void closeHomeserver() {
        if (homeserver != null) {
            homeserver.close();
            homeserverVertx.close();
            homeserver = null;
        }
    }

    /** An answer: status, raw body and the body as JSON (a missing node when it is not JSON). */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.missingNode();
            }
        }

        public String errcode() {
            return json().path("errcode").asText("");
        }
    }

    protected Answer send(String method, String path, String body, Auth auth) {
        String uri = "http://127.0.0.1:" + bridge.appservicePort() + path;
        if (auth == Auth.QUERY) {
            uri += (path.contains("?") ? "&" : "?") + "access_token=" + TestConfigs.HS_TOKEN;
        } else if (auth == Auth.WRONG_QUERY) {
            uri += (path.contains("?") ? "&" : "?") + "access_token=wrong";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        switch (auth) {
            case BEARER -> request.header("Authorization", "Bearer " + TestConfigs.HS_TOKEN);
            case WRONG_BEARER -> request.header("Authorization", "Bearer not-the-hs-token");
            default -> { }
        }
        return exchange(request.build());
    }

    protected Answer get(int port, String path) {
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
    }

    private static Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How a request presents the hs_token. */
    public enum Auth { BEARER, QUERY, NONE, WRONG_BEARER, WRONG_QUERY }

    protected Answer putTransaction(String txnId, String body) {
        return send("PUT", PREFIX + "/transactions/" + txnId, body, Auth.BEARER);
    }

    /**
     * Writes {@code head} (request line and headers) and then {@code bodyBytes} bytes of body on a raw socket, and
     * reads whatever the server answers until it closes the connection or {@code timeout} passes.
     */
    protected RawAnswer raw(String head, byte[] body, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", bridge.appservicePort()), 5000);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes(); // returns at EOF: the server closed the connection
            return new RawAnswer(new String(all, StandardCharsets.UTF_8), true);
        } catch (java.net.SocketTimeoutException e) {
            return new RawAnswer("", false);
        }
    }

    /** @param closed whether the server closed the connection (rather than the read timing out) */
    protected record RawAnswer(String text, boolean closed) {
        public int status() {
            return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
        }

        public String body() {
            int i = text.indexOf("\r\n\r\n");
            return i < 0 ? "" : text.substring(i + 4);
        }
    }

    /** Polls {@code condition} until it holds, failing with {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    protected static void assertError(Answer answer, int status, String errcode) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(errcode, answer.errcode(), answer.body());
        assertEquals(true, answer.json().path("error").isTextual() && !answer.json().path("error").asText().isBlank(),
                "error message present: " + answer.body());
    }
}

package dev.passerelle.core.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link MatrixRequest}s with the as_token, retrying as the {@link RetryPolicy} allows, timing each attempt
 * ({@code passerelle.matrix.requests}) and counting retries ({@code passerelle.matrix.retries}).
 *
 * <p>Retried: 429/{@code M_LIMIT_EXCEEDED} (after {@code retry_after_ms}, {@code Retry-After} or the backoff),
 * 502/503/504 and connection errors (backoff with jitter). Never retried: other 4xx, and 500 — Synapse answers 500
 * for bugs that repeat identically, and a 500 may come after the request took effect, so repeating it would
 * mostly double the wait and risk doubling a non-idempotent action. The token travels only in the
 * {@code Authorization} header, never in a URL, so nothing logged here can carry it.
 */
final class MatrixTransport {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixTransport.class);

    private final Vertx vertx;
    private final WebClient client;
    private final String baseUrl;
    private final String asToken;
    private final RetryPolicy policy;
    private final MeterRegistry meters;
    private final ObjectMapper mapper;

    MatrixTransport(Vertx vertx, WebClient client, String baseUrl, String asToken, RetryPolicy policy,
                    MeterRegistry meters, ObjectMapper mapper) {
        this.vertx = vertx;
        this.client = client;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.asToken = asToken;
        this.policy = policy;
        this.meters = meters;
        this.mapper = mapper;
    }

    /** Sends the request; blocks the calling (virtual) thread. Throws {@link MatrixException} on failure. */
    MatrixResponse send(MatrixRequest req) {
        return send(req, Optional.empty());
    }

    /**
     * Sends the request with {@code token} instead of the as_token when given (a double puppet's appservice token);
     * blocks the calling (virtual) thread. Throws {@link MatrixException} on failure.
     */
    MatrixResponse send(MatrixRequest req, Optional<String> token) {
        Buffer body = Buffer.buffer(req.body().orElse(new byte[0]));
        return send(req, token, r -> r.sendBuffer(body));
    }

    /**
     * Sends the request with {@code file} streamed as its body (never held in memory), with its Content-Length as
     * homeservers require for uploads; the file is reopened for each attempt. Blocks.
     */
    MatrixResponse sendFile(MatrixRequest req, Path file, long size) {
        return send(req, Optional.empty(), r -> vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
                .compose(f -> r.putHeader("Content-Type", req.contentType())
                        .putHeader("Content-Length", Long.toString(size))
                        .sendStream(f).andThen(done -> f.close())));
    }

    private MatrixResponse send(MatrixRequest req, Optional<String> token,
                                Function<HttpRequest<Buffer>, io.vertx.core.Future<HttpResponse<Buffer>>> sender) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("the Matrix client blocks; call it from a virtual thread, not from the "
                    + "event loop (" + req.endpoint() + ")");
        }
        String endpoint = req.endpoint();
        int attempt = 0;
        while (true) {
            attempt++;
            long start = System.nanoTime();
            HttpResponse<Buffer> resp;
            try {
                resp = block(sender.apply(prepare(req, token)));
            } catch (Exception e) { // await() rethrows the failure as is, checked ones included
                record(endpoint, "io_error", "none", start);
                boolean notSent = e instanceof ConnectException || e.getCause() instanceof ConnectException;
                boolean retryable = req.retry() == MatrixRequest.RetryMode.ALWAYS
                        || (req.retry() == MatrixRequest.RetryMode.IF_NOT_PROCESSED && notSent);
                if (!retryable || attempt >= policy.maxAttempts()) {
                    // Thrown to the caller, who reports it (once, in words that fit the situation).
                    LOG.debug("Matrix request {} got no answer (attempt {}/{}): {}", endpoint, attempt,
                            policy.maxAttempts(), MatrixException.describe(e));
                    throw new MatrixException.Unreachable(baseUrl, endpoint, attempt, e);
                }
                Duration wait = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
                LOG.warn("Matrix request {} got no answer (attempt {}/{}: {}); retrying in {} ms", endpoint, attempt,
                        policy.maxAttempts(), MatrixException.describe(e), wait.toMillis());
                pause(endpoint, "connection", wait);
                continue;
            }
            int status = resp.statusCode();
            if (status >= 200 && status < 300) {
                record(endpoint, Integer.toString(status), "none", start);
                Buffer b = resp.body();
                return new MatrixResponse(status, b == null ? new byte[0] : b.getBytes(),
                        Optional.ofNullable(resp.getHeader("Content-Type")));
            }
            JsonNode err = errorBody(resp);
            String errcode = err.path("errcode").asText("");
            String error = err.path("error").asText("");
            Optional<Duration> retryAfter = retryAfter(resp, err);
            record(endpoint, Integer.toString(status), errcode.isEmpty() ? "none" : errcode, start);
            boolean rateLimited = status == 429 || errcode.equals("M_LIMIT_EXCEEDED");
            boolean transientStatus = status == 503
                    || ((status == 502 || status == 504) && req.retry() == MatrixRequest.RetryMode.ALWAYS);
            boolean retrying = req.retry() != MatrixRequest.RetryMode.NEVER && attempt < policy.maxAttempts()
                    && (rateLimited || transientStatus);
            if (!retrying) {
                // Thrown to the caller, who reports it; only a failure swallowed by a retry is logged here.
                LOG.debug("Matrix request {} failed: HTTP {} {} (attempt {}/{})", endpoint, status,
                        errcode.isEmpty() ? "(no errcode)" : errcode, attempt, policy.maxAttempts());
            }
            if (retrying) {
                Duration backoff = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
                Duration wait = rateLimited
                        ? retryAfter.map(d -> d.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : d).orElse(backoff)
                        : backoff;
                LOG.warn("Matrix request {} failed: HTTP {} {} (attempt {}/{}); retrying in {} ms", endpoint, status,
                        errcode.isEmpty() ? "(no errcode)" : errcode, attempt, policy.maxAttempts(), wait.toMillis());
                pause(endpoint, rateLimited ? "rate_limited" : "status_" + status, wait);
                continue;
            }
            throw MatrixException.fromAnswer(endpoint, status, errcode, error, retryAfter);
        }
    }

    /**
     * Waits for the future: {@code Future.await()} on virtual threads (it releases a virtual-thread verticle's
     * context while parked); a plain blocking wait on other non-event-loop threads (Vert.x workers, tests), where
     * {@code await()} is refused.
     */
    private static <T> T block(io.vertx.core.Future<T> future) throws Exception {
        if (Thread.currentThread().isVirtual()) {
            return future.await();
        }
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private HttpRequest<Buffer> prepare(MatrixRequest req, Optional<String> token) {
        HttpRequest<Buffer> r = client.requestAbs(req.method(), baseUrl + req.path())
                .putHeader("Authorization", "Bearer " + token.orElse(asToken))
                .timeout(policy.requestTimeout().toMillis());
        if (req.body().isPresent()) {
            r.putHeader("Content-Type", req.contentType());
        }
        req.query().forEach(r::addQueryParam);
        return r;
    }

    private JsonNode errorBody(HttpResponse<Buffer> resp) {
        Buffer b = resp.body();
        if (b == null || b.length() == 0) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode n = mapper.readTree(b.getBytes());
            return n == null ? mapper.createObjectNode() : n;
        } catch (java.io.IOException e) {
            return mapper.createObjectNode(); // a proxy's HTML error page: status alone decides
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<Buffer> resp, JsonNode err) {
        if (err.path("retry_after_ms").canConvertToLong()) {
            return Optional.of(Duration.ofMillis(err.get("retry_after_ms").asLong()));
        }
        String header = resp.getHeader("Retry-After");
        if (header != null) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
            } catch (NumberFormatException ignored) {
                // an HTTP-date: rare from homeservers; fall back to our own backoff
            }
        }
        return Optional.empty();
    }

    private void pause(String endpoint, String reason, Duration wait) {
        Counter.builder("passerelle.matrix.retries").description("Client-Server requests retried")
                .tag("endpoint", endpoint).tag("reason", reason).register(meters).increment();
        if (wait.toMillis() > 0) {
            try {
                block(vertx.timer(wait.toMillis(), TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                throw new IllegalStateException("interrupted while waiting to retry " + endpoint, e);
            }
        }
    }

    private void record(String endpoint, String status, String errcode, long startNanos) {
        Timer.builder("passerelle.matrix.requests").description("Client-Server requests made by the bridge")
                .tag("endpoint", endpoint).tag("status", status).tag("errcode", errcode)
                .register(meters).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}

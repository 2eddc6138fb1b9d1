package dev.passerelle.core.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Streamed downloads from the media repository: a file the homeserver announces as small (Content-Length at most
 * the memory threshold) is read into memory; anything else is piped into a temporary file as it arrives and
 * stopped as soon as it passes the size limit, so a large file never sits in memory. Retried like other idempotent
 * requests (connection errors, 429, 502–504); must be called from a virtual thread.
 */
final class MediaDownloads {

    private final Vertx vertx;
    private final HttpClient http;
    private final String baseUrl;
    private final String asToken;
    private final RetryPolicy policy;
    private final ObjectMapper mapper;

    MediaDownloads(Vertx vertx, HttpClient http, String baseUrl, String asToken, RetryPolicy policy,
                   ObjectMapper mapper) {
        this.vertx = vertx;
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.asToken = asToken;
        this.policy = policy;
        this.mapper = mapper;
    }

    DownloadedMedia download(MatrixRequest req, long maxBytes, long memoryThreshold, Path tempDir) {
        StringBuilder url = new StringBuilder(baseUrl).append(req.path());
        char sep = '?';
        for (var q : req.query().entrySet()) {
            url.append(sep).append(MatrixRequest.encodeSegment(q.getKey())).append('=')
                    .append(MatrixRequest.encodeSegment(q.getValue()));
            sep = '&';
        }
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return once(req.endpoint(), url.toString(), maxBytes, memoryThreshold, tempDir);
            } catch (MatrixException e) {
                boolean passing = e instanceof MatrixException.Unreachable || e.status() == 429
                        || e.status() == 502 || e.status() == 503 || e.status() == 504;
                if (!passing || attempt >= policy.maxAttempts()) {
                    throw e;
                }
                Duration wait = e.retryAfter().filter(d -> d.compareTo(policy.maxDelay()) <= 0)
                        .orElse(policy.backoff(attempt, ThreadLocalRandom.current().nextDouble()));
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    // The whole exchange is set up and handled on one event-loop context, so that the response's handlers (body,
    // pause) are in place before Vert.x delivers its first byte: built from the calling virtual thread, a step of
    // the chain could run there after the event loop had already delivered (and dropped) the body, and the
    // download would wait forever. The calling virtual thread only waits for the outcome.
    private DownloadedMedia once(String endpoint, String url, long maxBytes, long memoryThreshold, Path tempDir) {
        Path file = newTempFile(tempDir);
        try {
            Promise<DownloadedMedia> outcome = Promise.promise();
            vertx.getOrCreateContext().runOnContext(v -> {
                try {
                    exchange(endpoint, url, maxBytes, memoryThreshold, file).onComplete(outcome);
                } catch (RuntimeException e) {
                    outcome.tryFail(e);
                }
            });
            DownloadedMedia media = block(outcome.future());
            if (media.body() instanceof MediaBody.InMemory) {
                deleteQuietly(file);
            }
            return media;
        } catch (MatrixException | MediaTooLargeException e) {
            deleteQuietly(file);
            throw e;
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw new MatrixException.Unreachable(baseUrl, endpoint, 1, e);
        }
    }

    /** The request and the handling of its response; runs on an event-loop context. */
    private Future<DownloadedMedia> exchange(String endpoint, String url, long maxBytes, long memoryThreshold,
                                             Path file) {
        CappedWriteStream[] capped = new CappedWriteStream[1];
        return http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                        .putHeader("Authorization", "Bearer " + asToken)
                        .setIdleTimeout(policy.requestTimeout().toMillis()))
                .compose(r -> r.send())
                .recover(e -> Future.failedFuture(new MatrixException.Unreachable(baseUrl, endpoint, 1, e)))
                .compose(resp -> {
                    String type = Optional.ofNullable(resp.getHeader("Content-Type"))
                            .orElse("application/octet-stream");
                    if (resp.statusCode() < 200 || resp.statusCode() >= 300) {
                        return resp.body().compose(b -> Future.failedFuture(error(endpoint, resp.statusCode(), b)));
                    }
                    OptionalLong announced = contentLength(resp);
                    if (announced.isPresent() && announced.getAsLong() > maxBytes) {
                        resp.exceptionHandler(ignored -> { }); // the close below is ours, not news
                        resp.request().connection().close(); // do not read what will not be kept
                        return Future.failedFuture(new MediaTooLargeException(maxBytes, announced));
                    }
                    if (announced.isPresent() && announced.getAsLong() <= memoryThreshold) {
                        return resp.body().map(b -> new DownloadedMedia(new MediaBody.InMemory(b.getBytes()),
                                type));
                    }
                    resp.pause(); // until the file is open; the pipe resumes it
                    return vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true)
                                    .setTruncateExisting(true))
                            .compose(out -> {
                                capped[0] = new CappedWriteStream(out, maxBytes);
                                return resp.pipeTo(capped[0]).andThen(done -> {
                                    if (done.failed()) {
                                        resp.exceptionHandler(ignored -> { });
                                        out.close();
                                        resp.request().connection().close();
                                    }
                                });
                            })
                            .map(done -> new DownloadedMedia(new MediaBody.OnDisk(file, capped[0].written()),
                                    type));
                });
    }

    /** {@code await()} on virtual threads; a plain wait elsewhere (tests), where {@code await()} is refused. */
    private static <T> T block(Future<T> future) {
        if (Thread.currentThread().isVirtual()) {
            return future.await();
        }
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading", e);
        }
    }

    private MatrixException error(String endpoint, int status, Buffer body) {
        JsonNode err = mapper.createObjectNode();
        try {
            if (body != null && body.length() > 0) {
                JsonNode parsed = mapper.readTree(body.getBytes());
                err = parsed == null ? err : parsed;
            }
        } catch (IOException e) {
            // not JSON (a proxy's page): the status alone speaks
        }
        Optional<Duration> retryAfter = err.path("retry_after_ms").canConvertToLong()
                ? Optional.of(Duration.ofMillis(err.path("retry_after_ms").asLong())) : Optional.empty();
        return MatrixException.fromAnswer(endpoint, status, err.path("errcode").asText(""),
                err.path("error").asText(""), retryAfter);
    }

    private static OptionalLong contentLength(HttpClientResponse resp) {
        String value = resp.getHeader("Content-Length");
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static Path newTempFile(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "media-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary file for media in " + dir
                    + "; check that the bridge's data directory is writable and has space", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // emptied at the next start
        }
    }
}

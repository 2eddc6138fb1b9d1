package dev.passerelle.telegram.td;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.telegram.td.api.TdCodec;
import dev.passerelle.telegram.td.api.TdError;
import dev.passerelle.telegram.td.api.TdObject;
import dev.passerelle.telegram.td.api.TdRequest;
import dev.passerelle.telegram.td.api.TdTypes;
import dev.passerelle.telegram.tdjson.TdJson;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TDLib client instance (one Telegram account or one login in progress). {@link #call} sends a request and
 * blocks until the answer with the same {@code @extra} arrives; updates go, in order, to the consumer given at
 * creation, on this client's own virtual thread.
 */
public final class TdClient {

    private static final Logger LOG = LoggerFactory.getLogger(TdClient.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final TdJson td;
    private final int id;
    private final String name;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<JsonNode> updates = new LinkedBlockingQueue<>();
    private final AtomicLong nextExtra = new AtomicLong();
    private final Runnable onForget;

    TdClient(TdJson td, int id, String name, Consumer<JsonNode> updateConsumer, Runnable onForget) {
        this.td = td;
        this.id = id;
        this.name = name;
        this.onForget = onForget;
        Thread.ofVirtual().name("tdlib-" + name).start(() -> drain(updateConsumer));
    }

    public int id() {
        return id;
    }

    /** Sends {@code request} and waits for its answer (at most a minute). */
    public <R extends TdObject> R call(TdRequest<R> request) throws TdException {
        return call(request, DEFAULT_TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    public <R extends TdObject> R call(TdRequest<R> request, Duration timeout) throws TdException {
        String extra = Long.toString(nextExtra.incrementAndGet());
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(extra, answer);
        try {
            td.send(id, TdCodec.write(request, extra));
            JsonNode node = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if ("error".equals(node.path("@type").asText())) {
                throw new TdException(TdCodec.read(node, TdError.class));
            }
            return (R) TdCodec.read(node, TdTypes.answerType(request.getClass()));
        } catch (TimeoutException e) {
            throw new TdException(new TdError(408, "No answer from TDLib to " + TdTypes.nameOf(request.getClass())
                    + " within " + timeout.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TdException(new TdError(499, "Interrupted while waiting for TDLib"));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pending.remove(extra);
        }
    }

    /** Stops routing to this client (after {@code authorizationStateClosed}, or when it is abandoned). */
    public void forget() {
        onForget.run();
        updates.add(STOP);
    }

    /** Called by the receive loop. */
    void deliver(JsonNode node) {
        JsonNode extra = node.get("@extra");
        if (extra != null) {
            CompletableFuture<JsonNode> answer = pending.get(extra.asText());
            if (answer != null) {
                answer.complete(node);
                return;
            }
        }
        updates.add(node);
    }

    private static final JsonNode STOP = com.fasterxml.jackson.databind.node.NullNode.getInstance();

    private void drain(Consumer<JsonNode> consumer) {
        while (true) {
            JsonNode node;
            try {
                node = updates.take();
            } catch (InterruptedException e) {
                return;
            }
            if (node == STOP) {
                return;
            }
            try {
                consumer.accept(node);
            } catch (RuntimeException e) {
                LOG.warn("TDLib client {}: handling {} failed: {}", name, node.path("@type").asText(), e.toString(), e);
            }
        }
    }
}

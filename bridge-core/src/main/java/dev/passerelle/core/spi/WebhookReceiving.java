package dev.passerelle.core.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Optional ability of a {@link NetworkConnector} whose network pushes its events to the bridge over HTTP
 * (e.g. the Messenger Platform). The bridge serves, on the appservice listener,
 * {@code GET} and {@code POST /_passerelle/webhook/<network id>[/<path>]}:
 * <ul>
 *   <li>{@code GET} is a verification handshake: {@link #verifyWebhook} answers it.</li>
 *   <li>{@code POST} is a delivery: the bridge reads the body (at most {@link #maxWebhookBytes()}, else 413), lets
 *       {@link #authenticateWebhook} check it (false → 403, nothing stored), stores it in the database in one
 *       commit and only then answers 200 (database down → 503, so that the network sends it again). A body the
 *       network sends again byte for byte is answered 200 and not stored twice.</li>
 *   <li>Stored deliveries are handed to {@link #handleWebhook} one at a time, in arrival order, and marked done
 *       when it returns. Deliveries not done when the bridge stops (or crashes) are handed again at the next start,
 *       so handling must be idempotent (the engine already is for remote ids it has bridged).</li>
 * </ul>
 */
public interface WebhookReceiving {

    /** The largest delivery body accepted, in bytes. */
    default long maxWebhookBytes() {
        return 1024 * 1024;
    }

    /**
     * Answers a {@code GET}: the text to answer 200 with (e.g. the challenge), or empty to answer 403. Must not
     * block on the network.
     *
     * @param path  what followed the network's webhook root ({@code ""} for the root itself)
     * @param query the query parameters (the first value of each)
     */
    Optional<String> verifyWebhook(String path, Map<String, String> query);

    /**
     * Checks a {@code POST} before anything is stored, e.g. its signature. Must compare secrets in constant time and
     * must not block on the network.
     *
     * @return false to answer 403 and forget the delivery
     */
    boolean authenticateWebhook(WebhookRequest request);

    /**
     * Handles one stored delivery; returns once what it carries has been handed on for good (for events emitted to
     * the engine: {@link RemoteEventSink#emitAndWait}). Blocks; runs on a virtual thread of its own.
     *
     * @throws InterruptedException when the bridge is stopping: the delivery is handed again at the next start
     * @throws Exception            when it failed: it is tried again a few times, then logged and skipped
     */
    void handleWebhook(WebhookDelivery delivery) throws Exception;

    /**
     * A delivery as it arrived.
     *
     * @param path    what followed the network's webhook root ({@code ""} for the root)
     * @param headers the request headers, names in lower case (the first value of each)
     * @param body    the raw body, exactly as received (signatures are computed on these bytes)
     */
    record WebhookRequest(String path, Map<String, String> headers, byte[] body) {
    }

    /**
     * A stored delivery.
     *
     * @param seq        its place in the arrival order
     * @param path       as in {@link WebhookRequest#path()}
     * @param body       the body, decoded as UTF-8
     * @param receivedAt when the bridge stored it
     * @param replay     whether it is handed again after a restart (it may have been handled in part)
     */
    record WebhookDelivery(long seq, String path, String body, Instant receivedAt, boolean replay) {
    }
}

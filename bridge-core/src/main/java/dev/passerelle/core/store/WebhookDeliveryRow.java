package dev.passerelle.core.store;

import java.time.Instant;

/**
 * A webhook delivery stored and not yet handled.
 *
 * @param seq        arrival order across every network
 * @param network    the connector it is for
 * @param path       the path below the network's webhook root it was posted to ({@code ""} for the root)
 * @param body       the body as received
 * @param receivedAt when it was stored
 */
public record WebhookDeliveryRow(long seq, String network, String path, String body, Instant receivedAt) {
}

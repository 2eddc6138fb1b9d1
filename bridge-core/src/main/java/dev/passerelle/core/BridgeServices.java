package dev.passerelle.core;

import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * What the running bridge shares with the components it starts (handlers, connectors): built once by
 * {@link Passerelle#start} before anything is dispatched, and valid until {@link Passerelle#close()}.
 *
 * @param config        the validated configuration
 * @param vertx         the bridge's Vert.x instance (HTTP servers and clients)
 * @param database      the open, migrated store
 * @param matrix        the Client-Server API client (the bot, ghosts); calls block, make them on virtual threads
 * @param meterRegistry where components register their own meters; served on {@code /metrics}
 */
public record BridgeServices(PasserelleConfig config, Vertx vertx, Database database, MatrixClient matrix,
                             MeterRegistry meterRegistry) {
}

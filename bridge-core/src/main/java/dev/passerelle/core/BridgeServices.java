package dev.passerelle.core;

import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * What the running bridge shares with the components it starts (handlers, connectors): built once by
 * {@link Passerelle#start} before anything is dispatched, and valid until {@link Passerelle#close()}.
 *
 * @param config        the validated configuration
 * @param vertx         the bridge's Vert.x instance (HTTP server, and later the Matrix client)
 * @param database      the open, migrated store
 * @param meterRegistry where components register their own meters; served on {@code /metrics}
 */
public record BridgeServices(PasserelleConfig config, Vertx vertx, Database database, MeterRegistry meterRegistry) {
}

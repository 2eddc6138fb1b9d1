package dev.passerelle.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/**
 * What a connector gets at start.
 *
 * @param config        the connector's section under {@code networks.<id>} of the config, as written (an empty
 *                      object when the section is empty)
 * @param dataDirectory a directory of the connector's own for files it must keep (e.g. TDLib's databases); created
 * @param secretKey     32 bytes derived from the bridge's secret for this connector only, e.g. to encrypt a
 *                      library's own database; the same on every start
 * @param meterRegistry where the connector registers its own metrics
 * @param store         the connector's encrypted values in the bridge's database (keys, sessions, id mappings)
 * @param ghosts        the Matrix user ids of the network's ghosts, for mentions
 */
public record ConnectorContext(JsonNode config, Path dataDirectory, byte[] secretKey, MeterRegistry meterRegistry,
                               ConnectorStore store, GhostUserIds ghosts) {

    /** A context without a homeserver: no ghost ids (tests, tools). */
    public ConnectorContext(JsonNode config, Path dataDirectory, byte[] secretKey, MeterRegistry meterRegistry,
                            ConnectorStore store) {
        this(config, dataDirectory, secretKey, meterRegistry, store, GhostUserIds.NONE);
    }

    /** A context whose store keeps values in memory only and without ghost ids (tests, tools without a database). */
    public ConnectorContext(JsonNode config, Path dataDirectory, byte[] secretKey, MeterRegistry meterRegistry) {
        this(config, dataDirectory, secretKey, meterRegistry, new MemoryConnectorStore());
    }
}

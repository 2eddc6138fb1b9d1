package dev.passerelle.core.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.Optional;

/**
 * The homeserver's {@code m.upload.size}, from {@code GET /_matrix/client/v1/media/config} (authenticated media) or
 * the legacy {@code /_matrix/media/v3/config}, remembered for {@link #TTL} (a failed fetch for a minute), so that a
 * change in the homeserver's config is picked up without a restart.
 */
final class UploadLimit {

    static final Duration TTL = Duration.ofHours(1);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

    private record Known(Optional<Long> limit, long until) {
    }

    private final MatrixClient client;
    private volatile Known known;

    UploadLimit(MatrixClient client) {
        this.client = client;
    }

    Optional<Long> get() {
        Known k = known;
        long now = System.nanoTime();
        if (k != null && now - k.until < 0) {
            return k.limit;
        }
        Optional<Long> limit;
        Duration keep = TTL;
        try {
            String path = client.serverInfo().supportsAuthenticatedMedia()
                    ? "/_matrix/client/v1/media/config" : "/_matrix/media/v3/config";
            JsonNode config = client.bot().call(MatrixRequest.of(HttpMethod.GET, path)).json(client.mapper());
            JsonNode size = config.get("m.upload.size");
            limit = size != null && size.canConvertToLong() && size.asLong() > 0
                    ? Optional.of(size.asLong()) : Optional.empty();
        } catch (MatrixException e) {
            limit = Optional.empty();
            keep = RETRY_AFTER_FAILURE;
        }
        known = new Known(limit, now + keep.toNanos());
        return limit;
    }
}

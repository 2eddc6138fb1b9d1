package dev.passerelle.core.matrix;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /_matrix/client/versions} advertised.
 *
 * @param versions         spec versions, e.g. {@code ["r0.6.1", "v1.1", "v1.11"]}
 * @param unstableFeatures unstable feature flags and whether each is enabled
 */
public record HomeserverCapabilities(List<String> versions, Map<String, Boolean> unstableFeatures) {

    public HomeserverCapabilities {
        versions = List.copyOf(versions);
        unstableFeatures = Map.copyOf(unstableFeatures);
    }

    /** Whether any advertised {@code vX.Y} version is at least {@code major.minor}; {@code r0.x} count as below v1.1. */
    public boolean supportsVersion(int major, int minor) {
        for (String v : versions) {
            if (!v.startsWith("v")) {
                continue;
            }
            String[] parts = v.substring(1).split("\\.");
            try {
                int ma = Integer.parseInt(parts[0]);
                int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                if (ma > major || (ma == major && mi >= minor)) {
                    return true;
                }
            } catch (NumberFormatException ignored) {
                // a version string we do not understand says nothing about support
            }
        }
        return false;
    }

    /** Authenticated media ({@code /_matrix/client/v1/media/...}): v1.11+ or {@code org.matrix.msc3916.stable}. */
    public boolean supportsAuthenticatedMedia() {
        return supportsVersion(1, 11) || unstableFeatures.getOrDefault("org.matrix.msc3916.stable", false);
    }

    /** The appservice ping endpoint ({@code POST /_matrix/client/v1/appservice/{id}/ping}): v1.7+. */
    public boolean supportsAppservicePing() {
        return supportsVersion(1, 7);
    }
}

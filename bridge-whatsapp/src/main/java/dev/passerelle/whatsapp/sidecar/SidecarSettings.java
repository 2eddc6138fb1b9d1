package dev.passerelle.whatsapp.sidecar;

import java.time.Duration;

/**
 * How the sidecar is supervised.
 *
 * @param heartbeatInterval how often it is pinged
 * @param heartbeatTimeout  how long a ping may take before the sidecar counts as hung and is restarted
 * @param requestTimeout    how long any other request may take
 * @param restartBackoff    the first wait before a restart; doubled after each quick death up to {@code maxBackoff}
 * @param maxBackoff        the longest wait between restarts
 */
public record SidecarSettings(Duration heartbeatInterval, Duration heartbeatTimeout, Duration requestTimeout,
                              Duration restartBackoff, Duration maxBackoff) {

    public static final SidecarSettings DEFAULT = new SidecarSettings(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(30));
}

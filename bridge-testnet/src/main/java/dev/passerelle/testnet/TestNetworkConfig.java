package dev.passerelle.testnet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.ConnectorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code networks.testnet} config section.
 *
 * @param qrRotate  how long a QR code is shown before a new one replaces it ({@code qr_rotate_seconds}, default 2;
 *                  fractions allowed so tests can rotate fast)
 * @param sendDelay fixed latency added to every send, for benchmarks ({@code send_delay_ms}, default 0)
 * @param maxReactions how many reactions one user may have on a message ({@code max_reactions}, default 1 like
 *                  WhatsApp; more to play a network like Telegram)
 */
public record TestNetworkConfig(Duration qrRotate, Duration sendDelay, int maxReactions) {

    private static final Set<String> KEYS = Set.of("qr_rotate_seconds", "send_delay_ms", "max_reactions");

    public static TestNetworkConfig defaults() {
        return new TestNetworkConfig(Duration.ofSeconds(2), Duration.ZERO, 1);
    }

    /** Reads the section; an empty object gives the defaults. */
    public static TestNetworkConfig from(JsonNode section) throws ConnectorException {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return defaults();
        }
        if (!section.isObject()) {
            throw new ConnectorException("networks.testnet must be a map (keys: " + KEYS + "), got: " + section);
        }
        List<String> unknown = new ArrayList<>();
        section.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConnectorException("Unknown keys under networks.testnet: " + unknown + "; known keys: " + KEYS);
        }
        double rotateSeconds = number(section, "qr_rotate_seconds", 2);
        double delayMs = number(section, "send_delay_ms", 0);
        double maxReactions = number(section, "max_reactions", 1);
        if (rotateSeconds <= 0) {
            throw new ConnectorException("networks.testnet.qr_rotate_seconds must be > 0, got " + rotateSeconds);
        }
        if (delayMs < 0) {
            throw new ConnectorException("networks.testnet.send_delay_ms must be >= 0, got " + delayMs);
        }
        if (maxReactions < 1 || maxReactions != Math.rint(maxReactions)) {
            throw new ConnectorException("networks.testnet.max_reactions must be a whole number >= 1, got "
                    + maxReactions);
        }
        return new TestNetworkConfig(Duration.ofMillis(Math.round(rotateSeconds * 1000)),
                Duration.ofNanos(Math.round(delayMs * 1_000_000)), (int) maxReactions);
    }

    private static double number(JsonNode section, String key, double fallback) throws ConnectorException {
        JsonNode value = section.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new ConnectorException("networks.testnet." + key + " must be a number, got: " + value);
        }
        return value.asDouble();
    }
}

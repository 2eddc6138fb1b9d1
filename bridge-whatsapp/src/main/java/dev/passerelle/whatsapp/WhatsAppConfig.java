package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.ConnectorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code networks.whatsapp} config section.
 *
 * @param sidecarPath where the sidecar is ({@code sidecar_path}); default {@code whatsapp-sidecar} next to the jar
 * @param nodePath    the Node.js binary ({@code node_path}, default {@code node} from the PATH)
 * @param logLevel    how much of Baileys' own logging reaches the bridge log ({@code log_level}, default warn)
 * @param qrTimeout   how long a QR or pairing-code login waits for the phone ({@code login_timeout_seconds}, 180)
 * @param heartbeat   how often the sidecar is pinged; it counts as hung after as long again ({@code heartbeat_seconds},
 *                    10)
 * @param launcher    how the sidecar runs ({@code sidecar_launcher}): {@code node} (the default and the only one in
 *                    the distribution); tests name a scripted sidecar here
 * @param historySync which chats of the phone's history sync get a room at once ({@code history_sync})
 */
public record WhatsAppConfig(Optional<Path> sidecarPath, String nodePath, String logLevel, Duration qrTimeout,
                             Duration heartbeat, String launcher, HistorySyncBounds historySync) {

    private static final Set<String> KEYS = Set.of("sidecar_path", "node_path", "log_level", "login_timeout_seconds",
            "heartbeat_seconds", "sidecar_launcher", "history_sync");
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    /** Reads the section; an empty object gives the defaults. */
    public static WhatsAppConfig from(JsonNode section) throws ConnectorException {
        if (section == null || section.isNull() || section.isMissingNode()) {
            section = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!section.isObject()) {
            throw new ConnectorException("networks.whatsapp must be a map (keys: " + KEYS + "), got: " + section);
        }
        List<String> unknown = new ArrayList<>();
        section.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConnectorException("Unknown keys under networks.whatsapp: " + unknown + "; known keys: "
                    + KEYS.stream().sorted().toList());
        }
        Optional<Path> sidecar = text(section, "sidecar_path").map(Path::of);
        String node = text(section, "node_path").orElse("node");
        String level = text(section, "log_level").orElse("warn");
        if (!LEVELS.contains(level)) {
            throw new ConnectorException("networks.whatsapp.log_level must be one of " + LEVELS + ", got: " + level);
        }
        double timeout = number(section, "login_timeout_seconds", 180);
        double heartbeat = number(section, "heartbeat_seconds", 10);
        if (timeout <= 0 || heartbeat <= 0) {
            throw new ConnectorException("networks.whatsapp.login_timeout_seconds and heartbeat_seconds must be > 0");
        }
        return new WhatsAppConfig(sidecar, node, level, Duration.ofMillis(Math.round(timeout * 1000)),
                Duration.ofMillis(Math.round(heartbeat * 1000)), text(section, "sidecar_launcher").orElse("node"),
                HistorySyncBounds.from(section.get("history_sync")));
    }

    private static Optional<String> text(JsonNode section, String key) throws ConnectorException {
        JsonNode value = section.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ConnectorException("networks.whatsapp." + key + " must be a non-empty string, got: " + value);
        }
        return Optional.of(value.asText());
    }

    private static double number(JsonNode section, String key, double fallback) throws ConnectorException {
        JsonNode value = section.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new ConnectorException("networks.whatsapp." + key + " must be a number, got: " + value);
        }
        return value.asDouble();
    }
}

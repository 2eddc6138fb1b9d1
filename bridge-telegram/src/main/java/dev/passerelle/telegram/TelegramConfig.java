package dev.passerelle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.ConnectorException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code networks.telegram} config section.
 *
 * @param apiId        {@code api_id}: the application id from https://my.telegram.org (required)
 * @param apiHash      {@code api_hash}: its hash, 32 hexadecimal digits (required)
 * @param tdjsonPath   {@code tdjson_path}: another libtdjson to load instead of the bundled one (TDLib, TDLight)
 * @param logVerbosity {@code log_verbosity}: how much of TDLib's log reaches the bridge log (0 fatal ... 5 verbose;
 *                     default 2, warnings)
 * @param deviceModel  {@code device_model}: how the session is named in Telegram's device list (default Passerelle)
 */
public record TelegramConfig(int apiId, String apiHash, Optional<Path> tdjsonPath, int logVerbosity,
                             String deviceModel) {

    private static final Set<String> KEYS = Set.of("api_id", "api_hash", "tdjson_path", "log_verbosity",
            "device_model");
    private static final String GET_THEM = " Create an application at https://my.telegram.org (API development"
            + " tools) and copy its api_id and api_hash into networks.telegram.";

    /** Reads and checks the section; every problem is named in one message. */
    public static TelegramConfig from(JsonNode section) throws ConnectorException {
        if (section == null || !section.isObject()) {
            throw new ConnectorException("networks.telegram must be a map with api_id and api_hash." + GET_THEM);
        }
        List<String> problems = new ArrayList<>();
        section.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problems.add("unknown key networks.telegram." + k + " (known keys: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        });
        JsonNode id = section.path("api_id");
        int apiId = 0;
        if (id.isMissingNode() || id.isNull()) {
            problems.add("networks.telegram.api_id is missing");
        } else if (id.canConvertToInt() && id.asInt() > 0 && (id.isInt() || id.asText().matches("\\d+"))) {
            apiId = id.asInt();
        } else {
            problems.add("networks.telegram.api_id must be a positive number, got " + id);
        }
        String apiHash = section.path("api_hash").asText("");
        if (section.path("api_hash").isMissingNode() || apiHash.isEmpty()) {
            problems.add("networks.telegram.api_hash is missing");
        } else if (!apiHash.matches("[0-9a-f]{32}")) {
            problems.add("networks.telegram.api_hash must be 32 hexadecimal digits (as my.telegram.org shows it)");
        }
        Optional<Path> tdjson = section.hasNonNull("tdjson_path")
                ? Optional.of(Path.of(section.get("tdjson_path").asText())) : Optional.empty();
        JsonNode verbosity = section.path("log_verbosity");
        int logVerbosity = 2;
        if (!verbosity.isMissingNode() && !verbosity.isNull()) {
            if (verbosity.isInt() && verbosity.asInt() >= 0 && verbosity.asInt() <= 5) {
                logVerbosity = verbosity.asInt();
            } else {
                problems.add("networks.telegram.log_verbosity must be 0 (fatal) to 5 (verbose), got " + verbosity);
            }
        }
        String deviceModel = section.path("device_model").asText("Passerelle");
        if (!problems.isEmpty()) {
            boolean credentials = problems.stream().anyMatch(p -> p.contains(".api_"));
            throw new ConnectorException("Telegram config: " + String.join("; ", problems) + "."
                    + (credentials ? GET_THEM : ""));
        }
        return new TelegramConfig(apiId, apiHash, tdjson, logVerbosity, deviceModel);
    }

    /** The hash is a secret of the application: never shown. */
    @Override
    public String toString() {
        return "TelegramConfig[apiId=" + apiId + ", tdjsonPath=" + tdjsonPath + ", logVerbosity=" + logVerbosity
                + ", deviceModel=" + deviceModel + "]";
    }
}

package dev.passerelle.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads {@code config.yaml} into a {@link PasserelleConfig}: YAML, then {@code PASSERELLE_*} environment overrides
 * (see {@link EnvironmentOverrides} for the rule), then a structure check (unknown keys, wrong types, all reported at
 * once), then defaults for every omitted key. Relative SQLite paths are resolved against the config file's
 * directory. Loading does not judge values; {@link ConfigValidator} does that.
 *
 * <p>Blocks while reading the file. Thread-safe.
 */
public final class ConfigLoader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private final Map<String, String> environment;

    /** A loader that applies overrides from {@code environment} (pass {@code System.getenv()} in production). */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A loader that applies overrides from the process environment. */
    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /**
     * Reads and parses {@code file}.
     *
     * @throws ConfigException when the file is missing or unreadable, is not valid YAML (the message gives line and
     *                         column), or has unknown keys or values of the wrong type
     */
    public PasserelleConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("The config file " + file.toAbsolutePath() + " does not exist. Create one with "
                    + "'passerelle generate-config -o " + file + "' (or run 'passerelle run', which writes it).");
        } catch (IOException e) {
            throw new ConfigException("Cannot read the config file " + file.toAbsolutePath() + ": " + e
                    + ". Check that it is a readable file.");
        }
        var directory = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), directory);
    }

    /**
     * Parses YAML text as if it were read from a file called {@code source} in {@code directory}.
     *
     * @throws ConfigException as {@link #load(Path)}
     */
    public PasserelleConfig parse(String yaml, String source, Path directory) {
        var tree = readTree(yaml, source);
        var problems = new ArrayList<ConfigProblem>();
        EnvironmentOverrides.apply(tree, environment, problems);
        ConfigStructure.check(tree, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException("The config " + source + " has " + problems.size()
                    + (problems.size() == 1 ? " problem:" : " problems:"), problems);
        }
        var merged = ConfigDefaults.tree();
        if (!tree.has("provisioning")) {
            // Configs written before the provisioning API have no secret for it: keep them working, API off.
            ((ObjectNode) merged.get("provisioning")).put("enabled", false);
        }
        merge(merged, tree);
        derive(merged, directory);
        try {
            return YAML.treeToValue(merged, PasserelleConfig.class);
        } catch (JsonProcessingException e) {
            // The structure check should have caught this; say what Jackson saw rather than hide it.
            throw new ConfigException("The config " + source + " could not be read: " + e.getOriginalMessage());
        }
    }

    private static ObjectNode readTree(String yaml, String source) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            var where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                    + location.getColumnNr();
            throw new ConfigException("The config " + source + " is not valid YAML" + where + ": "
                    + e.getOriginalMessage() + ". Fix the YAML syntax there (indent with spaces, quote values "
                    + "that contain ': ' or start with '*', '&', '!' or '{').");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return YAML.createObjectNode();
        }
        if (tree instanceof ObjectNode object) {
            return object;
        }
        throw new ConfigException("The config " + source + " must be a YAML mapping of sections (homeserver:, "
                + "appservice:, ...), but it is a " + tree.getNodeType().name().toLowerCase() + ".");
    }

    /** Overlays {@code overlay} on {@code base}; sections merge key by key, maps and values replace. */
    private static void merge(ObjectNode base, ObjectNode overlay) {
        var schema = ConfigSchema.root();
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
            var entry = it.next();
            var section = base.get(entry.getKey());
            boolean isSection = schema.fields().get(entry.getKey()) instanceof ConfigSchema.Section;
            if (isSection && section instanceof ObjectNode baseSection && entry.getValue() instanceof ObjectNode o) {
                // Second level: every value replaces (bridge.permissions as a whole, not merged with "*": relay),
                // except a nested section (bridge.relay), whose keys merge so that omitted ones keep their default.
                var fields = ((ConfigSchema.Section) schema.fields().get(entry.getKey())).fields();
                o.properties().forEach(field -> {
                    if (fields.get(field.getKey()) instanceof ConfigSchema.Section
                            && baseSection.get(field.getKey()) instanceof ObjectNode nestedBase
                            && field.getValue() instanceof ObjectNode nested) {
                        nested.properties().forEach(f -> nestedBase.set(f.getKey(), f.getValue()));
                    } else {
                        baseSection.set(field.getKey(), field.getValue());
                    }
                });
            } else {
                base.set(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Fills the keys whose defaults depend on others. */
    private static void derive(ObjectNode tree, Path directory) {
        var appservice = (ObjectNode) tree.get("appservice");
        if (!appservice.has("address")) {
            var host = appservice.get("hostname").asText();
            if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
                host = "localhost";
            } else if (host.contains(":")) {
                host = "[" + host + "]";
            }
            appservice.put("address", "http://" + host + ":" + appservice.get("port").asInt());
        }
        var database = (ObjectNode) tree.get("database");
        boolean sqlite = database.get("type").asText().equalsIgnoreCase("sqlite");
        if (!database.has("uri")) {
            database.put("uri", sqlite ? ConfigDefaults.SQLITE_FILE : "");
        }
        if (sqlite) {
            database.put("uri", SqliteLocation.resolve(database.get("uri").asText(), directory));
        }
    }
}

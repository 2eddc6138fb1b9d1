package dev.passerelle.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@code PASSERELLE_*} environment variables over the YAML tree, before defaults and validation.
 *
 * <p>The rule: strip {@code PASSERELLE_}, split the rest on {@code __}, lower-case every part; the parts are the
 * YAML path. {@code PASSERELLE_DATABASE__URI} sets {@code database.uri}, {@code PASSERELLE_APPSERVICE__PORT=1234}
 * sets {@code appservice.port}. Under a map ({@code bridge.permissions}, {@code networks}) a part is a map key, so
 * {@code PASSERELLE_BRIDGE__PERMISSIONS__EXAMPLE.ORG=admin} grants {@code example.org}. A variable that names a
 * section or a map takes a YAML/JSON flow value and replaces it whole, which is the way to set keys a shell cannot
 * put in a name: {@code PASSERELLE_BRIDGE__PERMISSIONS='{"*": relay, "@alice:example.org": admin}'}. Names without
 * {@code __} (for example {@code PASSERELLE_TEST_PG_URL}) are not overrides and are ignored, except one naming a
 * whole top-level section ({@code PASSERELLE_NETWORKS}), which is reported: it cannot do what it seems to.
 */
final class EnvironmentOverrides {

    static final String PREFIX = "PASSERELLE_";
    private static final YAMLMapper YAML = new YAMLMapper();

    private EnvironmentOverrides() {
    }

    /** Applies every override to {@code tree}; appends a problem per variable that names no key. */
    static void apply(ObjectNode tree, Map<String, String> env, List<ConfigProblem> problems) {
        var root = ConfigSchema.root();
        // Sorted so that a whole-map variable is applied before the single keys under it.
        for (var entry : new TreeMap<>(env).entrySet()) {
            var name = entry.getKey();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            if (!name.contains("__")) {
                // Names without '__' are not overrides (PASSERELLE_TEST_PG_URL...), but one that names a whole
                // section (PASSERELLE_NETWORKS) looks like one and would be ignored without a word.
                var section = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
                if (root.fields().containsKey(section)) {
                    problems.add(new ConfigProblem(name, "", "names the whole section '" + section + "', which a "
                            + "variable cannot replace; set its keys one by one with '__' between levels, e.g. "
                            + PREFIX + section.toUpperCase(Locale.ROOT) + "__<KEY>"
                            + (section.equals("networks") ? " (PASSERELLE_NETWORKS__WHATSAPP='{}' enables WhatsApp)"
                                    : "")));
                }
                continue;
            }
            var parts = Arrays.stream(name.substring(PREFIX.length()).split("__", -1))
                    .map(part -> part.toLowerCase(Locale.ROOT))
                    .toList();
            applyOne(tree, root, parts, name, entry.getValue(), problems);
        }
    }

    private static void applyOne(ObjectNode tree, ConfigSchema.Section root, List<String> parts, String variable,
            String value, List<ConfigProblem> problems) {
        ConfigSchema schema = root;
        ObjectNode node = tree;
        var walked = new ArrayList<String>();
        for (int i = 0; i < parts.size(); i++) {
            var part = parts.get(i);
            if (part.isEmpty()) {
                problems.add(new ConfigProblem(variable, "", "has an empty part between '__' separators; write "
                        + "PASSERELLE_SECTION__KEY, e.g. PASSERELLE_DATABASE__URI"));
                return;
            }
            walked.add(part);
            ConfigSchema child = switch (schema) {
                case ConfigSchema.Section section -> section.fields().get(part);
                case ConfigSchema.FreeKeys free -> free.value();
                case ConfigSchema.Opaque opaque -> opaque;
                case ConfigSchema.Scalar scalar -> null;
            };
            if (child == null) {
                var path = String.join(".", walked);
                problems.add(new ConfigProblem(variable, "", "names the key '" + path + "', which does not exist"
                        + KeySuggestion.hint(path)));
                return;
            }
            boolean last = i == parts.size() - 1;
            if (last) {
                node.set(part, parseValue(child, value, variable, problems));
                return;
            }
            var existing = node.get(part);
            if (!(existing instanceof ObjectNode)) {
                existing = node.putObject(part);
            }
            node = (ObjectNode) existing;
            schema = child;
        }
    }

    private static JsonNode parseValue(ConfigSchema schema, String value, String variable,
            List<ConfigProblem> problems) {
        if (schema instanceof ConfigSchema.Scalar) {
            // Kept as text: the structure check turns it into the key's type and reports what does not fit.
            return TextNode.valueOf(value);
        }
        try {
            var parsed = YAML.readTree(value);
            return parsed == null ? TextNode.valueOf(value) : parsed;
        } catch (JsonProcessingException e) {
            problems.add(new ConfigProblem(variable, "", "is not valid YAML/JSON (" + e.getOriginalMessage()
                    + "); a variable naming a section or map takes a flow value such as '{\"*\": relay}'"));
            return TextNode.valueOf(value);
        }
    }
}

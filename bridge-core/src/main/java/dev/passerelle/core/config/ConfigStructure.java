package dev.passerelle.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a YAML tree against {@link ConfigSchema} before it is bound to the records: every unknown key and every
 * value of the wrong type is reported at once. Values that fit are normalised in place (numbers written as text
 * become numbers, enum names are upper-cased for binding); keys set to null are removed so their default applies.
 */
final class ConfigStructure {

    private static final Set<String> TRUE = Set.of("true", "yes", "on");
    private static final Set<String> FALSE = Set.of("false", "no", "off");

    private ConfigStructure() {
    }

    static void check(ObjectNode tree, List<ConfigProblem> problems) {
        checkSection(tree, ConfigSchema.root(), "", problems);
    }

    private static void checkSection(ObjectNode node, ConfigSchema.Section section, String prefix,
            List<ConfigProblem> problems) {
        for (var name : names(node)) {
            var path = prefix.isEmpty() ? name : prefix + "." + name;
            var schema = section.fields().get(name);
            if (schema == null) {
                problems.add(new ConfigProblem(path, "", "is not a known key" + KeySuggestion.hint(path)));
                continue;
            }
            var value = node.get(name);
            if (value.isNull()) {
                node.remove(name);
                continue;
            }
            var normalised = checkValue(value, schema, path, problems);
            node.set(name, normalised);
        }
    }

    private static JsonNode checkValue(JsonNode value, ConfigSchema schema, String path,
            List<ConfigProblem> problems) {
        return switch (schema) {
            case ConfigSchema.Opaque opaque -> value;
            case ConfigSchema.Section section -> {
                if (value instanceof ObjectNode object) {
                    checkSection(object, section, path, problems);
                } else {
                    problems.add(new ConfigProblem(path, shown(path, value), "must be a section with keys "
                            + String.join(", ", section.fields().keySet())));
                }
                yield value;
            }
            case ConfigSchema.FreeKeys free -> {
                if (value instanceof ObjectNode object) {
                    for (var key : names(object)) {
                        object.set(key, checkValue(object.get(key), free.value(), path + "." + key, problems));
                    }
                } else {
                    problems.add(new ConfigProblem(path, shown(path, value), "must be a map of key: value lines"));
                }
                yield value;
            }
            case ConfigSchema.Scalar scalar -> checkScalar(value, scalar, path, problems);
        };
    }

    private static JsonNode checkScalar(JsonNode value, ConfigSchema.Scalar scalar, String path,
            List<ConfigProblem> problems) {
        if (!value.isValueNode()) {
            problems.add(new ConfigProblem(path, "", "must be a single value, not a list or a section"));
            return value;
        }
        var text = value.asText().trim();
        switch (scalar.kind()) {
            case STRING -> {
                return TextNode.valueOf(value.asText());
            }
            case INT, LONG -> {
                try {
                    long number = value.isIntegralNumber() ? value.asLong() : Long.parseLong(text);
                    if (scalar.kind() == ConfigSchema.ScalarKind.LONG) {
                        return LongNode.valueOf(number);
                    }
                    if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                        return IntNode.valueOf((int) number);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                problems.add(new ConfigProblem(path, shown(path, value), "must be a whole number"));
                return value;
            }
            case BOOLEAN -> {
                var lower = text.toLowerCase(Locale.ROOT);
                if (value.isBoolean() || TRUE.contains(lower) || FALSE.contains(lower)) {
                    return BooleanNode.valueOf(value.isBoolean() ? value.asBoolean() : TRUE.contains(lower));
                }
                problems.add(new ConfigProblem(path, shown(path, value), "must be true or false"));
                return value;
            }
            case ENUM -> {
                var lower = text.toLowerCase(Locale.ROOT);
                if (scalar.allowed().contains(lower)) {
                    return TextNode.valueOf(lower.toUpperCase(Locale.ROOT));
                }
                problems.add(new ConfigProblem(path, shown(path, value), "must be one of "
                        + String.join(", ", scalar.allowed())));
                return value;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static List<String> names(ObjectNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The value as it may appear in a message: secrets masked. */
    static String shown(String path, JsonNode value) {
        var text = value.isValueNode() ? value.asText() : value.toString();
        return SecretKeys.isSecret(path) ? SecretMask.mask(text) : text;
    }
}

package dev.passerelle.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of {@code config.yaml}, read from the config records themselves so that the two cannot drift: a record
 * is a section, a {@code Map} is a section with free keys, {@link JsonNode} is an opaque tree.
 */
sealed interface ConfigSchema {

    /** A record: fixed keys in snake_case. */
    record Section(Map<String, ConfigSchema> fields) implements ConfigSchema {
    }

    /** A map with keys chosen by the user; every value has the same shape. */
    record FreeKeys(ConfigSchema value) implements ConfigSchema {
    }

    /** A tree kept as it is (a connector's own section). */
    record Opaque() implements ConfigSchema {
    }

    /** A single value. */
    record Scalar(ScalarKind kind, List<String> allowed) implements ConfigSchema {
    }

    enum ScalarKind { STRING, INT, LONG, BOOLEAN, ENUM }

    /** The schema of the whole file. */
    static Section root() {
        return (Section) of(PasserelleConfig.class);
    }

    /** Every key path the schema knows, e.g. {@code appservice.as_token}; sections are included. */
    static List<String> knownPaths(Section section, String prefix) {
        var paths = new ArrayList<String>();
        section.fields().forEach((name, child) -> {
            var path = prefix.isEmpty() ? name : prefix + "." + name;
            paths.add(path);
            if (child instanceof Section nested) {
                paths.addAll(knownPaths(nested, path));
            }
        });
        return paths;
    }

    /** {@code maxBodyBytes} → {@code max_body_bytes}. */
    static String snakeCase(String camel) {
        var out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static ConfigSchema of(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
            return new FreeKeys(of(parameterized.getActualTypeArguments()[1]));
        }
        if (!(type instanceof Class<?> cls)) {
            throw new IllegalStateException("config records may not use the type " + type);
        }
        if (cls.isRecord()) {
            var fields = new LinkedHashMap<String, ConfigSchema>();
            for (var component : cls.getRecordComponents()) {
                fields.put(snakeCase(component.getName()), of(component.getGenericType()));
            }
            return new Section(fields);
        }
        if (JsonNode.class.isAssignableFrom(cls)) {
            return new Opaque();
        }
        if (cls.isEnum()) {
            var allowed = new ArrayList<String>();
            for (var constant : cls.getEnumConstants()) {
                allowed.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            return new Scalar(ScalarKind.ENUM, allowed);
        }
        if (cls == String.class) {
            return new Scalar(ScalarKind.STRING, List.of());
        }
        if (cls == int.class) {
            return new Scalar(ScalarKind.INT, List.of());
        }
        if (cls == long.class) {
            return new Scalar(ScalarKind.LONG, List.of());
        }
        if (cls == boolean.class) {
            return new Scalar(ScalarKind.BOOLEAN, List.of());
        }
        throw new IllegalStateException("config records may not use the type " + cls);
    }
}

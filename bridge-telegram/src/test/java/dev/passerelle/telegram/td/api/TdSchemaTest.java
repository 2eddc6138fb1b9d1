package dev.passerelle.telegram.td.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every TDLib record of the bridge against {@code td_api.tl} of the TDLib commit the bundled libtdjson is built from
 * (the digest in {@code src/test/resources/td_api-digest.tl}, see its header): the constructor exists, on the right
 * side (type or function), with the right result type; every field exists, with a Java type that carries its TL
 * type (int64 as a JSON string, bytes as byte[]...).
 */
class TdSchemaTest {

    private record Constructor(String name, Map<String, String> fields, String result, boolean function) {
    }

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    @Test
    void everyRecordMatchesTheSchema() throws IOException {
        Map<String, Constructor> schema = digest();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "td-api-names.txt"), new TreeSet<>(TdTypes.BY_NAME.keySet()));
        List<String> problems = new ArrayList<>();
        TdTypes.BY_NAME.forEach((name, type) -> problems.addAll(check(name, type, schema)));
        assertTrue(problems.isEmpty(), "Records that do not match td_api.tl (if the schema digest lacks a constructor"
                + " the bridge now uses, regenerate it with build/td-api-digest.sh from target/td-api-names.txt):\n  "
                + String.join("\n  ", problems));
    }

    @Test
    void theCheckCatchesAFieldTheSchemaDoesNotHave() throws IOException {
        @com.fasterxml.jackson.annotation.JsonTypeName("formattedText")
        record Bogus(String text, List<TextEntity> entities, int colour) implements TdObject {
        }
        List<String> problems = check("formattedText", Bogus.class, digest());
        assertEquals(List.of("formattedText: field colour is not in the schema"), problems);
    }

    @Test
    void theCheckCatchesAWrongFieldType() throws IOException {
        @com.fasterxml.jackson.annotation.JsonTypeName("textEntity")
        record Bogus(long offset, int length, TextEntityType type) implements TdObject {
        }
        List<String> problems = check("textEntity", Bogus.class, digest());
        assertEquals(List.of("textEntity: field offset is int32 in the schema, but Java has long"), problems);
    }

    @Test
    void theCheckCatchesAConstructorTheSchemaDoesNotHave() throws IOException {
        @com.fasterxml.jackson.annotation.JsonTypeName("messageTeleport")
        record Bogus() implements TdObject {
        }
        assertEquals(List.of("messageTeleport: not in the schema"), check("messageTeleport", Bogus.class, digest()));
    }

    private static List<String> check(String name, Class<?> type, Map<String, Constructor> schema) {
        Constructor c = schema.get(name);
        if (c == null) {
            return List.of(name + ": not in the schema");
        }
        List<String> problems = new ArrayList<>();
        boolean isRequest = TdRequest.class.isAssignableFrom(type);
        if (isRequest != c.function()) {
            problems.add(name + ": the schema has it as a " + (c.function() ? "function" : "type"));
        }
        String javaResult = isRequest ? tlTypeOf(TdTypes.answerType(type)) : tlTypeOf(type);
        if (!javaResult.equals(c.result())) {
            problems.add(name + ": the schema's result type is " + c.result() + ", Java says " + javaResult);
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String json = SNAKE.translate(component.getName());
            String tl = c.fields().get(json);
            if (tl == null) {
                problems.add(name + ": field " + json + " is not in the schema");
                continue;
            }
            boolean asString = fieldAnnotation(type, component.getName()) != null;
            String why = mismatch(component.getGenericType(), tl, asString);
            if (why != null) {
                problems.add(name + ": field " + json + " is " + tl + " in the schema, but Java has "
                        + component.getGenericType().getTypeName().replace("java.lang.", "") + why);
            }
        }
        return problems;
    }

    private static JsonFormat fieldAnnotation(Class<?> type, String field) {
        try {
            JsonFormat f = type.getDeclaredField(field).getAnnotation(JsonFormat.class);
            return f != null && f.shape() == JsonFormat.Shape.STRING ? f : null;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when {@code java} carries TL type {@code tl}; else why not. */
    private static String mismatch(Type java, String tl, boolean asString) {
        if (tl.startsWith("vector<")) {
            if (java instanceof ParameterizedType p && p.getRawType() == List.class) {
                return mismatch(p.getActualTypeArguments()[0], tl.substring(7, tl.length() - 1), false);
            }
            return " (a vector is a List)";
        }
        return switch (tl) {
            case "int32" -> java == int.class || java == Integer.class ? null : ""; // Integer: in a List
            case "int53" -> java == long.class || java == Long.class ? null : "";
            case "int64" -> java == String.class || (java == long.class && asString) ? null
                    : " (int64 needs @JsonFormat(shape = STRING): TDLib sends it as a string)";
            case "double" -> java == double.class ? null : "";
            case "string" -> java == String.class ? null : "";
            case "Bool" -> java == boolean.class ? null : "";
            case "bytes" -> java == byte[].class ? null : " (bytes are base64 in JSON: byte[])";
            default -> {
                if (!(java instanceof Class<?> cls) || !TdObject.class.isAssignableFrom(cls)) {
                    yield " (not a TDLib object)";
                }
                if (Character.isLowerCase(tl.charAt(0))) {
                    yield cls.isRecord() && TdTypes.nameOf(cls).equals(tl) ? null : "";
                }
                yield tlTypeOf(cls).equals(tl) ? null : "";
            }
        };
    }

    /** The TL type a Java type stands for: a family interface by its name, a record by its constructor's name. */
    private static String tlTypeOf(Class<?> type) {
        if (type.isInterface()) {
            return type.getSimpleName();
        }
        for (Class<?> i : type.getInterfaces()) {
            if (i.isSealed() && TdObject.class.isAssignableFrom(i)) {
                return i.getSimpleName();
            }
        }
        String name = TdTypes.nameOf(type);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Map<String, Constructor> digest() throws IOException {
        String text;
        try (InputStream in = TdSchemaTest.class.getResourceAsStream("/td_api-digest.tl")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Constructor> constructors = new LinkedHashMap<>();
        boolean functions = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("---functions---")) {
                functions = true;
            }
            if (line.isBlank() || !Character.isLetter(line.charAt(0))) {
                continue;
            }
            String[] sides = line.substring(0, line.lastIndexOf(';')).split(" = ");
            String[] words = sides[0].trim().split(" ");
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 1; i < words.length; i++) {
                String[] f = words[i].split(":", 2);
                fields.put(f[0], f[1]);
            }
            constructors.put(words[0], new Constructor(words[0], fields, sides[1].trim(), functions));
        }
        return constructors;
    }
}

package dev.passerelle.testkit.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Matrix specification's OpenAPI files and event schemas, for contract tests. The data is the {@code data/}
 * folder of matrix-org/matrix-spec; it is found at {@code $PASSERELLE_MATRIX_SPEC}, else at {@code shared/matrix-spec}
 * beside the repository (where the developers' machines and CI have it). Schemas come back self-contained: every
 * {@code $ref} to another file is inlined, because the validator cannot follow relative file references.
 */
public final class MatrixSpec {

    public static final String LOCATION_VARIABLE = "PASSERELLE_MATRIX_SPEC";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private MatrixSpec() {
    }

    /** The spec's {@code data} directory; fails with a message saying how to provide it when it is absent. */
    public static Path dataDir() {
        String configured = System.getenv(LOCATION_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath().normalize().resolve("data");
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException(LOCATION_VARIABLE + " is " + configured + " but " + dir
                        + " does not exist; point it at a checkout of matrix-org/matrix-spec (the folder holding data/)");
            }
            return dir;
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("matrix-spec").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("The Matrix spec data was not found: the contract tests need the data/ folder "
                + "of matrix-org/matrix-spec at shared/matrix-spec beside the repository, or " + LOCATION_VARIABLE
                + " set to a checkout of it.");
    }

    /** A file under {@code data/api/<api>/}, e.g. {@code api("application-service", "ping.yaml")}. */
    public static Path api(String api, String file) {
        Path path = dataDir().resolve("api").resolve(api).resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("the Matrix spec has no " + path);
        }
        return path;
    }

    /** The schema of {@code status}'s JSON answer to {@code method path} in an OpenAPI file. */
    public static Schema responseSchema(Path openApiFile, String path, String method, int status) {
        return operationSchema(openApiFile, path, method, "/responses/" + status + "/content/application~1json/schema");
    }

    /** The schema of the JSON request body of {@code method path} in an OpenAPI file. */
    public static Schema requestSchema(Path openApiFile, String path, String method) {
        return operationSchema(openApiFile, path, method, "/requestBody/content/application~1json/schema");
    }

    /** A whole schema file (e.g. {@code definitions/registration.yaml}), references inlined. */
    public static Schema schemaFile(Path file) {
        return REGISTRY.getSchema(inline(read(file), file.getParent()).toString(), InputFormat.JSON);
    }

    /** The validation errors of a JSON document against {@code schema}; empty when it conforms. */
    public static List<String> errors(Schema schema, String json) {
        return errors(schema, json, InputFormat.JSON);
    }

    /** The validation errors of a JSON or YAML document against {@code schema}; empty when it conforms. */
    public static List<String> errors(Schema schema, String document, InputFormat format) {
        List<String> errors = new ArrayList<>();
        schema.validate(document, format).forEach(e -> errors.add(e.toString()));
        return errors;
    }

    private static Schema operationSchema(Path openApiFile, String path, String method, String pointer) {
        JsonNode operation = read(openApiFile).path("paths").path(path).path(method);
        JsonNode schema = operation.at(pointer);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("the spec has no schema at " + pointer + " for " + method + " " + path
                    + " in " + openApiFile.getFileName());
        }
        return REGISTRY.getSchema(inline(schema.deepCopy(), openApiFile.getParent()).toString(), InputFormat.JSON);
    }

    /** Replaces each {@code {"$ref": "file.yaml[#/pointer]"}} by that content, recursively; drops examples. */
    private static JsonNode inline(JsonNode node, Path dir) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                String[] parts = ref.asText().split("#", 2);
                Path target = dir.resolve(parts[0]).normalize();
                JsonNode resolved = read(target);
                if (parts.length == 2) {
                    resolved = resolved.at(parts[1]);
                }
                return inline(resolved.deepCopy(), target.getParent());
            }
            object.remove("example");
            object.remove("examples");
            object.properties().forEach(field -> field.setValue(inline(field.getValue(), dir)));
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, inline(array.get(i), dir));
            }
        }
        return node;
    }

    private static JsonNode read(Path yaml) {
        try {
            return YAML.readTree(yaml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spec file " + yaml, e);
        }
    }
}

package dev.passerelle.core.appservice;

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Response schemas from the Matrix spec's OpenAPI files ({@code <repo>/../shared/matrix-spec}), with every
 * {@code $ref} to another file inlined so that the validator sees one self-contained schema.
 */
final class SpecSchemas {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private SpecSchemas() {
    }

    static Path apiDir() {
        Path dir = Path.of("..", "..", "shared", "matrix-spec", "data", "api", "application-service")
                .toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The Matrix spec data is missing at " + dir + "; the contract tests need "
                    + "<repository>/../shared/matrix-spec (run the tests from the module directory)");
        }
        return dir;
    }

    /** The schema of {@code status}'s JSON answer to {@code method path} in {@code file}. */
    static Schema response(String file, String path, String method, int status) {
        Path yaml = apiDir().resolve(file);
        JsonNode operation = read(yaml).path("paths").path(path).path(method);
        JsonNode schema = operation.path("responses").path(String.valueOf(status))
                .path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("The spec has no JSON answer " + status + " for " + method + " " + path
                    + " in " + file);
        }
        JsonNode inlined = inline(schema.deepCopy(), yaml.getParent());
        return REGISTRY.getSchema(inlined.toString(), InputFormat.JSON);
    }

    /** The validation errors of {@code json} against {@code schema}; empty when it conforms. */
    static List<String> errors(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    private static JsonNode inline(JsonNode node, Path base) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                String[] parts = ref.asText().split("#", 2);
                Path target = base.resolve(parts[0]).normalize();
                JsonNode resolved = read(target);
                if (parts.length == 2) {
                    resolved = resolved.at(parts[1]);
                }
                return inline(resolved.deepCopy(), target.getParent());
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(inline(field.getValue(), base));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, inline(array.get(i), base));
            }
        }
        return node;
    }

    private static JsonNode read(Path yaml) {
        try {
            return YAML.readTree(yaml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec file " + yaml, e);
        }
    }
}

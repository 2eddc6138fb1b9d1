package dev.passerelle.core.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Request-body schemas from the Matrix spec's Client-Server OpenAPI files, with file {@code $ref}s inlined, so
 * that what the client sends can be checked against what the spec requires.
 */
final class SpecRequestSchemas {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path apiDir;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    SpecRequestSchemas() {
        // tests run with the module directory as working directory; the spec sits next to the repository
        Path spec = Path.of("").toAbsolutePath().resolve("../../shared/matrix-spec").normalize();
        this.apiDir = spec.resolve("data/api/client-server");
        if (!Files.isDirectory(apiDir)) {
            throw new IllegalStateException("the Matrix spec data is missing at " + apiDir + " (expected "
                    + "<repo>/../shared/matrix-spec/data); check it out there to run the contract tests");
        }
    }

    /** Validation messages for {@code body} against the request schema of {@code method path} in {@code file}. */
    List<String> validate(String file, String path, String method, JsonNode body) {
        try {
            JsonNode root = YAML.readTree(apiDir.resolve(file).toFile());
            JsonNode schema = root.path("paths").path(path).path(method).path("requestBody").path("content")
                    .path("application/json").path("schema");
            if (schema.isMissingNode()) {
                throw new IllegalStateException("no request schema for " + method + " " + path + " in " + file);
            }
            JsonNode inlined = inline(schema.deepCopy(), apiDir.resolve(file).getParent());
            return registry.getSchema(JSON.writeValueAsString(inlined), InputFormat.JSON)
                    .validate(JSON.writeValueAsString(body), InputFormat.JSON).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + " of the Matrix spec", e);
        }
    }

    /** Replaces {@code {"$ref": "other.yaml"}} by that file's content, recursively; OpenAPI-only keys dropped. */
    private JsonNode inline(JsonNode node, Path dir) throws IOException {
        if (node instanceof ObjectNode obj) {
            if (obj.has("$ref") && !obj.get("$ref").asText().contains("#")) {
                Path target = dir.resolve(obj.get("$ref").asText()).normalize();
                return inline(YAML.readTree(target.toFile()), target.getParent());
            }
            obj.remove("example");
            obj.remove("examples");
            Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(inline(e.getValue(), dir));
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, inline(arr.get(i), dir));
            }
        }
        return node;
    }
}

package dev.passerelle.core.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** A successful (2xx) answer. */
record MatrixResponse(int status, byte[] body, Optional<String> contentType) {

    /** The body as a JSON object; an empty object when there was no body or it was not an object. */
    ObjectNode json(ObjectMapper mapper) {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode n = mapper.readTree(body);
            return n != null && n.isObject() ? (ObjectNode) n : mapper.createObjectNode();
        } catch (IOException e) {
            throw new IllegalStateException("the homeserver answered 2xx with a body that is not JSON", e);
        }
    }

    /** A string field of the JSON body; an {@link IllegalStateException} naming the field when absent. */
    String requireText(ObjectMapper mapper, String field, String endpoint) {
        JsonNode v = json(mapper).get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalStateException(endpoint + " answered without the '" + field + "' the spec requires");
        }
        return v.asText();
    }
}

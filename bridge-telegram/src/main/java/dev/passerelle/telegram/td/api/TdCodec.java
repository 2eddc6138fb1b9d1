package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/** TDLib objects ⇄ JSON text, with the naming of {@code td_api.tl} (snake_case fields, {@code @type}). */
public final class TdCodec {

    private static final ObjectMapper MAPPER = build();

    private TdCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The JSON of a request, with {@code @extra} when given (TDLib echoes it in the answer). */
    public static String write(TdObject request, String extra) {
        ObjectNode node = MAPPER.valueToTree(request);
        if (extra != null) {
            node.put("@extra", extra);
        }
        return node.toString();
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("TDLib sent something that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether {@code @type} is a constructor this bridge reads. */
    public static boolean knows(String type) {
        return TdTypes.BY_NAME.containsKey(type);
    }

    public static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot read TDLib's " + node.path("@type").asText() + " as "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper build() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new Jdk8Module())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
                // absent optional objects are left out; TDLib reads a missing field as its default
                .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                .build();
        TdTypes.BY_NAME.forEach((name, type) -> mapper.registerSubtypes(new NamedType(type, name)));
        return mapper;
    }
}

package dev.passerelle.core.intake;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A validated {@code PUT /transactions/{txnId}} body. Only the shape the bridge relies on is checked: {@code events}
 * is an array of objects, each with a string {@code type}, and the ids it carries are strings when present.
 * Unknown event types and extra fields (old homeservers' top-level {@code age}, {@code user_id}) are accepted.
 *
 * @param events    the room events, in the order sent
 * @param ephemeral ephemeral events (stable {@code ephemeral}, else MSC2409's {@code de.sorunome.msc2409.ephemeral})
 * @param toDevice  to-device events (stable {@code to_device}, else {@code de.sorunome.msc2409.to_device})
 */
public record TransactionBody(List<ObjectNode> events, List<ObjectNode> ephemeral, List<ObjectNode> toDevice) {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Parses and validates a body.
     *
     * @throws InvalidTransactionException when it is not JSON or not shaped like a transaction; the message says
     *                                     which part is wrong and what was expected
     */
    public static TransactionBody parse(byte[] body) throws InvalidTransactionException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            String detail = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidTransactionException(InvalidTransactionException.Kind.NOT_JSON,
                    "The transaction body is not valid JSON (" + firstLine(detail) + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidTransactionException(InvalidTransactionException.Kind.NOT_JSON,
                    "The transaction body is empty; expected a JSON object with an \"events\" array");
        }
        if (!root.isObject()) {
            throw bad("The transaction body must be a JSON object with an \"events\" array, not a "
                    + root.getNodeType().name().toLowerCase());
        }
        if (!root.has("events")) {
            throw bad("The transaction has no \"events\" array; the Application Service API requires one");
        }
        List<ObjectNode> events = objects(root, "events");
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = events.get(i);
            if (!event.path("type").isTextual()) {
                throw bad("events[" + i + "] has no string \"type\"; every event needs its type");
            }
            for (String field : List.of("room_id", "event_id", "sender", "state_key")) {
                if (event.has(field) && !event.get(field).isTextual()) {
                    throw bad("events[" + i + "]." + field + " must be a string");
                }
            }
        }
        List<ObjectNode> ephemeral = root.has("ephemeral") ? objects(root, "ephemeral")
                : objects(root, "de.sorunome.msc2409.ephemeral");
        List<ObjectNode> toDevice = root.has("to_device") ? objects(root, "to_device")
                : objects(root, "de.sorunome.msc2409.to_device");
        return new TransactionBody(events, ephemeral, toDevice);
    }

    private static List<ObjectNode> objects(JsonNode root, String field) throws InvalidTransactionException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw bad("\"" + field + "\" must be an array of event objects, not a " + node.getNodeType().name().toLowerCase());
        }
        List<ObjectNode> list = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!(node.get(i) instanceof ObjectNode object)) {
                throw bad(field + "[" + i + "] must be an event object");
            }
            list.add(object);
        }
        return List.copyOf(list);
    }

    /** The room events as {@link InboundEvent}s of the transaction numbered {@code seq}. */
    public List<InboundEvent> inboundEvents(long seq, boolean replay) {
        List<InboundEvent> result = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ObjectNode e = events.get(i);
            Optional<String> stateKey = e.has("state_key") ? Optional.of(e.get("state_key").asText()) : Optional.empty();
            result.add(new InboundEvent(seq, i, e.path("room_id").asText(""), e.path("event_id").asText(""),
                    e.path("sender").asText(""), e.get("type").asText(), stateKey, e, replay));
        }
        return result;
    }

    private static InvalidTransactionException bad(String message) {
        return new InvalidTransactionException(InvalidTransactionException.Kind.BAD_JSON, message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

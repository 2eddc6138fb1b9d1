package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds realistic client-format room events (the shapes of the spec's {@code event-schemas/examples}):
 * {@code event_id}, {@code room_id}, {@code sender}, {@code origin_server_ts}, {@code type}, {@code content},
 * {@code unsigned.age}, and {@code state_key} for state events. Every call returns a fresh, mutable node.
 */
public final class Events {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Events() {
    }

    /** A fresh event id in the room-version-4+ style: {@code $} and 43 url-safe base64 characters. */
    public static String newEventId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "$" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A fresh room id on this server, e.g. {@code !qPxvFzWbTgGhNcKdLa:example.org}. */
    public static String newRoomId(String serverName) {
        StringBuilder sb = new StringBuilder("!");
        for (int i = 0; i < 18; i++) {
            sb.append((char) ((RANDOM.nextBoolean() ? 'a' : 'A') + RANDOM.nextInt(26)));
        }
        return sb.append(':').append(serverName).toString();
    }

    /** A room (non-state) event sent now. */
    public static ObjectNode room(String roomId, String sender, String type, ObjectNode content) {
        return room(roomId, sender, type, content, System.currentTimeMillis());
    }

    /** A room (non-state) event with a given origin_server_ts. */
    public static ObjectNode room(String roomId, String sender, String type, ObjectNode content, long ts) {
        ObjectNode e = JSON.createObjectNode();
        e.put("event_id", newEventId());
        e.put("room_id", roomId);
        e.put("sender", sender);
        e.put("origin_server_ts", ts);
        e.put("type", type);
        e.set("content", content);
        e.putObject("unsigned").put("age", Math.max(0, System.currentTimeMillis() - ts));
        return e;
    }

    /** A state event sent now. */
    public static ObjectNode state(String roomId, String sender, String type, String stateKey, ObjectNode content) {
        ObjectNode e = room(roomId, sender, type, content);
        e.put("state_key", stateKey);
        return e;
    }

    /** An {@code m.room.message} with {@code msgtype: m.text}. */
    public static ObjectNode text(String roomId, String sender, String body) {
        return room(roomId, sender, "m.room.message", textContent(body));
    }

    /** An {@code m.room.message} text with an HTML {@code formatted_body} ({@code org.matrix.custom.html}). */
    public static ObjectNode html(String roomId, String sender, String body, String formattedBody) {
        ObjectNode c = textContent(body);
        c.put("format", "org.matrix.custom.html");
        c.put("formatted_body", formattedBody);
        return room(roomId, sender, "m.room.message", c);
    }

    /** The content of a plain text message. */
    public static ObjectNode textContent(String body) {
        ObjectNode c = JSON.createObjectNode();
        c.put("msgtype", "m.text");
        c.put("body", body);
        return c;
    }

    /** An {@code m.room.member} event: {@code sender} sets {@code target}'s membership (join, invite, leave, ban). */
    public static ObjectNode member(String roomId, String sender, String target, String membership,
                                    Optional<String> displayName) {
        ObjectNode c = JSON.createObjectNode();
        c.put("membership", membership);
        displayName.ifPresent(n -> c.put("displayname", n));
        return state(roomId, sender, "m.room.member", target, c);
    }

    /** An {@code m.reaction} annotating {@code eventId} with {@code key}. */
    public static ObjectNode reaction(String roomId, String sender, String eventId, String key) {
        ObjectNode c = JSON.createObjectNode();
        ObjectNode rel = c.putObject("m.relates_to");
        rel.put("rel_type", "m.annotation");
        rel.put("event_id", eventId);
        rel.put("key", key);
        return room(roomId, sender, "m.reaction", c);
    }

    /** An {@code m.room.redaction} of {@code eventId} (room versions 11+ also carry it in content). */
    public static ObjectNode redaction(String roomId, String sender, String eventId, Optional<String> reason) {
        ObjectNode c = JSON.createObjectNode();
        c.put("redacts", eventId);
        reason.ifPresent(r -> c.put("reason", r));
        ObjectNode e = room(roomId, sender, "m.room.redaction", c);
        e.put("redacts", eventId);
        return e;
    }

    /** An ephemeral {@code m.typing} event listing who is typing in the room. */
    public static ObjectNode typing(String roomId, List<String> userIds) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "m.typing");
        e.put("room_id", roomId);
        var ids = e.putObject("content").putArray("user_ids");
        userIds.forEach(ids::add);
        return e;
    }

    /** An ephemeral {@code m.receipt} event: each user has read up to the given event ({@code m.read}). */
    public static ObjectNode readReceipt(String roomId, Map<String, String> eventIdByUser) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "m.receipt");
        e.put("room_id", roomId);
        ObjectNode content = e.putObject("content");
        long now = System.currentTimeMillis();
        eventIdByUser.forEach((user, eventId) -> {
            ObjectNode perEvent = content.has(eventId) ? (ObjectNode) content.get(eventId) : content.putObject(eventId);
            ObjectNode read = perEvent.has("m.read") ? (ObjectNode) perEvent.get("m.read") : perEvent.putObject("m.read");
            read.putObject(user).put("ts", now);
        });
        return e;
    }
}

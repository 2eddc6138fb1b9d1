package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One room of the fake: its timeline and current state. Guarded by the owning {@link FakeWorld}'s lock. */
final class FakeRoom {
    final String roomId;
    final List<ObjectNode> timeline = new ArrayList<>();
    /** Current state by "type\u0000stateKey". */
    final Map<String, ObjectNode> state = new LinkedHashMap<>();

    FakeRoom(String roomId) {
        this.roomId = roomId;
    }

    void append(ObjectNode event) {
        timeline.add(event);
        if (event.has("state_key")) {
            state.put(key(event.get("type").asText(), event.get("state_key").asText()), event);
        }
    }

    Optional<ObjectNode> stateEvent(String type, String stateKey) {
        return Optional.ofNullable(state.get(key(type, stateKey)));
    }

    /** The user's membership ("join", "invite", "leave", "ban"), or "leave" when never a member. */
    String membership(String userId) {
        return stateEvent("m.room.member", userId)
                .map(e -> e.path("content").path("membership").asText("leave"))
                .orElse("leave");
    }

    List<String> members(String membership) {
        return state.values().stream()
                .filter(e -> e.get("type").asText().equals("m.room.member"))
                .filter(e -> e.path("content").path("membership").asText().equals(membership))
                .map(e -> e.get("state_key").asText())
                .toList();
    }

    String joinRule() {
        return stateEvent("m.room.join_rules", "").map(e -> e.path("content").path("join_rule").asText("invite"))
                .orElse("invite");
    }

    private static String key(String type, String stateKey) {
        return type + '\u0000' + stateKey;
    }
}

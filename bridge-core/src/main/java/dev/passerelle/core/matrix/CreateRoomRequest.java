package dev.passerelle.core.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /_matrix/client/v3/createRoom}. Empty optionals and lists are left out of the request.
 * Start from {@link #empty()} and use the {@code with*} methods.
 *
 * @param name                      {@code m.room.name}
 * @param topic                     {@code m.room.topic}
 * @param visibility                {@code public} (published in the directory) or {@code private}
 * @param preset                    {@code private_chat}, {@code trusted_private_chat} or {@code public_chat}
 * @param invite                    user ids to invite
 * @param isDirect                  whether the invites are marked {@code is_direct}
 * @param initialState              state events ({@code type}, {@code state_key}, {@code content}) set at creation
 * @param powerLevelContentOverride merged over the default power levels
 * @param creationContent           extra keys of {@code m.room.create}
 * @param roomAliasName             localpart of a {@code #alias:server} to create for the room
 */
public record CreateRoomRequest(
        Optional<String> name,
        Optional<String> topic,
        Optional<String> visibility,
        Optional<String> preset,
        List<String> invite,
        boolean isDirect,
        List<StateEvent> initialState,
        Optional<ObjectNode> powerLevelContentOverride,
        Optional<ObjectNode> creationContent,
        Optional<String> roomAliasName) {

    /** One state event to set at creation; {@code stateKey} is often the empty string. */
    public record StateEvent(String type, String stateKey, ObjectNode content) {
    }

    public CreateRoomRequest {
        invite = List.copyOf(invite);
        initialState = List.copyOf(initialState);
    }

    /** A private room with nothing set. */
    public static CreateRoomRequest empty() {
        return new CreateRoomRequest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), false, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public CreateRoomRequest withName(String n) {
        return new CreateRoomRequest(Optional.of(n), topic, visibility, preset, invite, isDirect, initialState,
                powerLevelContentOverride, creationContent, roomAliasName);
    }

    public CreateRoomRequest withTopic(String t) {
        return new CreateRoomRequest(name, Optional.of(t), visibility, preset, invite, isDirect, initialState,
                powerLevelContentOverride, creationContent, roomAliasName);
    }

    public CreateRoomRequest withVisibility(String v) {
        return new CreateRoomRequest(name, topic, Optional.of(v), preset, invite, isDirect, initialState,
                powerLevelContentOverride, creationContent, roomAliasName);
    }

    public CreateRoomRequest withPreset(String p) {
        return new CreateRoomRequest(name, topic, visibility, Optional.of(p), invite, isDirect, initialState,
                powerLevelContentOverride, creationContent, roomAliasName);
    }

    public CreateRoomRequest withInvites(List<String> users, boolean direct) {
        return new CreateRoomRequest(name, topic, visibility, preset, users, direct, initialState,
                powerLevelContentOverride, creationContent, roomAliasName);
    }

    public CreateRoomRequest withInitialState(List<StateEvent> events) {
        return new CreateRoomRequest(name, topic, visibility, preset, invite, isDirect, events,
                powerLevelContentOverride, creationContent, roomAliasName);
    }

    public CreateRoomRequest withPowerLevelOverride(ObjectNode override) {
        return new CreateRoomRequest(name, topic, visibility, preset, invite, isDirect, initialState,
                Optional.of(override), creationContent, roomAliasName);
    }

    public CreateRoomRequest withCreationContent(ObjectNode content) {
        return new CreateRoomRequest(name, topic, visibility, preset, invite, isDirect, initialState,
                powerLevelContentOverride, Optional.of(content), roomAliasName);
    }

    public CreateRoomRequest withAliasName(String localpart) {
        return new CreateRoomRequest(name, topic, visibility, preset, invite, isDirect, initialState,
                powerLevelContentOverride, creationContent, Optional.of(localpart));
    }

    /** The request body as the spec names its keys. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode b = mapper.createObjectNode();
        name.ifPresent(v -> b.put("name", v));
        topic.ifPresent(v -> b.put("topic", v));
        visibility.ifPresent(v -> b.put("visibility", v));
        preset.ifPresent(v -> b.put("preset", v));
        if (!invite.isEmpty()) {
            invite.forEach(b.putArray("invite")::add);
        }
        if (isDirect) {
            b.put("is_direct", true);
        }
        if (!initialState.isEmpty()) {
            var arr = b.putArray("initial_state");
            for (StateEvent s : initialState) {
                ObjectNode e = arr.addObject();
                e.put("type", s.type());
                e.put("state_key", s.stateKey());
                e.set("content", s.content());
            }
        }
        powerLevelContentOverride.ifPresent(v -> b.set("power_level_content_override", v));
        creationContent.ifPresent(v -> b.set("creation_content", v));
        roomAliasName.ifPresent(v -> b.put("room_alias_name", v));
        return b;
    }
}

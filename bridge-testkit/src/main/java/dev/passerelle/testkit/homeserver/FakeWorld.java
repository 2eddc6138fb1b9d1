package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Everything the fake homeserver remembers: users, profiles, rooms, aliases, media, transaction ids. One lock
 * guards it all (tests are small; simplicity beats throughput). Survives {@link FakeHomeserver#restart()}.
 */
final class FakeWorld {
    private final FakeHomeserverOptions options;
    private final Consumer<ObjectNode> onNewEvent;
    private final Set<String> registered = new LinkedHashSet<>();
    private final Map<String, ObjectNode> profiles = new HashMap<>();
    private final Map<String, String> presence = new HashMap<>();
    private final Map<String, FakeRoom> rooms = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, StoredMedia> media = new HashMap<>();
    /** (user, txnId) → event id, so that a repeated send is answered with the first event id. */
    private final Map<String, String> txns = new HashMap<>();

    /** Tokens of other appservices whose non-exclusive namespace is every local user (double puppeting). */
    private final Set<String> puppetTokens = new LinkedHashSet<>();

    FakeWorld(FakeHomeserverOptions options, Consumer<ObjectNode> onNewEvent) {
        this.options = options;
        this.onNewEvent = onNewEvent;
        registered.add(options.botUserId());
    }

    synchronized void addPuppetToken(String token) {
        puppetTokens.add(token);
    }

    /** Whether {@code token} is one of {@link #addPuppetToken}'s, compared in constant time. */
    synchronized boolean isPuppetToken(String token) {
        boolean found = false;
        for (String t : puppetTokens) {
            found |= java.security.MessageDigest.isEqual(t.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return found;
    }

    synchronized boolean isRegistered(String userId) {
        return registered.contains(userId);
    }

    /** Registers a user; false when it already existed. */
    synchronized boolean register(String userId) {
        return registered.add(userId);
    }

    synchronized ObjectNode profile(String userId) {
        if (!registered.contains(userId)) {
            throw MatrixError.notFound("Profile was not found");
        }
        return profiles.computeIfAbsent(userId, u -> Events.JSON.createObjectNode()).deepCopy();
    }

    synchronized void setProfileField(String userId, String field, String value) {
        profiles.computeIfAbsent(userId, u -> Events.JSON.createObjectNode()).put(field, value);
    }

    synchronized void setPresence(String userId, String state) {
        presence.put(userId, state);
    }

    synchronized Optional<String> presence(String userId) {
        return Optional.ofNullable(presence.get(userId));
    }

    /** Runs {@code send} unless (user, txnId) was seen, returning the event id of the first send either way. */
    synchronized String once(String userId, String txnId, java.util.function.Supplier<String> send) {
        String key = userId + '\u0000' + txnId;
        String existing = txns.get(key);
        if (existing != null) {
            return existing;
        }
        String eventId = send.get();
        txns.put(key, eventId);
        return eventId;
    }

    synchronized FakeRoom newRoom() {
        FakeRoom room = new FakeRoom(Events.newRoomId(options.serverName()));
        rooms.put(room.roomId, room);
        return room;
    }

    synchronized Optional<FakeRoom> room(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    synchronized FakeRoom existingRoom(String roomId) {
        return room(roomId).orElseThrow(() -> MatrixError.notFound("Unknown room " + roomId));
    }

    /** The room, when {@code userId} is joined to it; else 403 as Synapse answers non-members. */
    synchronized FakeRoom joinedRoom(String roomId, String userId) {
        FakeRoom room = existingRoom(roomId);
        if (!room.membership(userId).equals("join")) {
            throw MatrixError.forbidden("User " + userId + " not in room " + roomId);
        }
        return room;
    }

    /** Appends a new event to the room's timeline (and state) and hands it to the pusher. */
    synchronized ObjectNode append(FakeRoom room, String sender, String type, Optional<String> stateKey,
                                   JsonNode content, Optional<Long> ts) {
        ObjectNode c = content.isObject() ? ((ObjectNode) content).deepCopy() : Events.JSON.createObjectNode();
        ObjectNode event = Events.room(room.roomId, sender, type, c, ts.orElse(System.currentTimeMillis()));
        stateKey.ifPresent(k -> event.put("state_key", k));
        room.append(event);
        if (options.ownsUser(sender) || stateKey.filter(options::ownsUser).isPresent() || interestsAppservice(room)) {
            onNewEvent.accept(event.deepCopy());
        }
        return event;
    }

    /** Whether the appservice has a member in the room (Synapse's interest rule, user namespace part). */
    private boolean interestsAppservice(FakeRoom room) {
        return room.state.values().stream()
                .filter(e -> e.get("type").asText().equals("m.room.member"))
                .anyMatch(e -> options.ownsUser(e.get("state_key").asText()));
    }

    synchronized void forgetTimelines() {
        rooms.values().forEach(r -> r.timeline.clear());
    }

    synchronized List<ObjectNode> timeline(String roomId) {
        return existingRoom(roomId).timeline.stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized Optional<ObjectNode> state(String roomId, String type, String stateKey) {
        return existingRoom(roomId).stateEvent(type, stateKey).map(ObjectNode::deepCopy);
    }

    synchronized List<String> members(String roomId, String membership) {
        return existingRoom(roomId).members(membership);
    }

    synchronized List<String> roomIds() {
        return List.copyOf(rooms.keySet());
    }

    synchronized void putAlias(String alias, String roomId) {
        existingRoom(roomId);
        if (aliases.containsKey(alias)) {
            throw new MatrixError(409, "M_UNKNOWN", "Room alias " + alias + " already exists");
        }
        aliases.put(alias, roomId);
    }

    synchronized void deleteAlias(String alias) {
        if (aliases.remove(alias) == null) {
            throw MatrixError.notFound("Room alias " + alias + " not found");
        }
    }

    synchronized Optional<String> resolveAlias(String alias) {
        return Optional.ofNullable(aliases.get(alias));
    }

    synchronized String storeMedia(StoredMedia m) {
        String id = UUID.randomUUID().toString().replace("-", "");
        media.put(id, m);
        return "mxc://" + options.serverName() + "/" + id;
    }

    synchronized Optional<StoredMedia> media(String serverName, String mediaId) {
        return serverName.equals(options.serverName()) ? Optional.ofNullable(media.get(mediaId)) : Optional.empty();
    }
}

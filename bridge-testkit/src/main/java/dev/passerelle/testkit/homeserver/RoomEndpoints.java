package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testkit.homeserver.Routes.Auth;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Room calls of the Client-Server API: create, membership, send, state, redact, receipts, typing. */
final class RoomEndpoints {
    private static final String R = "/_matrix/client/v3/rooms/{roomId}";
    private final FakeWorld world;
    private final FakeHomeserverOptions options;

    RoomEndpoints(FakeWorld world, FakeHomeserverOptions options) {
        this.world = world;
        this.options = options;
    }

    void register(Routes routes) {
        routes.add("POST", "/_matrix/client/v3/createRoom", Auth.USER, this::createRoom);
        routes.add("POST", "/_matrix/client/v3/join/{roomIdOrAlias}", Auth.USER, this::join);
        routes.add("POST", R + "/join", Auth.USER, this::join);
        routes.add("POST", R + "/invite", Auth.USER, ex -> changeOther(ex, "invite"));
        routes.add("POST", R + "/kick", Auth.USER, ex -> changeOther(ex, "leave"));
        routes.add("POST", R + "/leave", Auth.USER, this::leave);
        routes.add("PUT", R + "/send/{eventType}/{txnId}", Auth.USER, this::send);
        routes.add("PUT", R + "/redact/{eventId}/{txnId}", Auth.USER, this::redact);
        routes.add("GET", R + "/state/{eventType}/{stateKey}", Auth.USER, this::getState);
        routes.add("GET", R + "/state/{eventType}", Auth.USER, this::getState);
        routes.add("PUT", R + "/state/{eventType}/{stateKey}", Auth.USER, this::putState);
        routes.add("PUT", R + "/state/{eventType}", Auth.USER, this::putState);
        routes.add("GET", R + "/members", Auth.USER, this::members);
        routes.add("POST", R + "/receipt/{receiptType}/{eventId}", Auth.USER, this::receipt);
        routes.add("POST", R + "/read_markers", Auth.USER, this::readMarkers);
        routes.add("PUT", R + "/typing/{userId}", Auth.USER, this::typing);
    }

    private void createRoom(Exchange ex) {
        ObjectNode body = ex.body();
        String creator = ex.actingUser();
        Optional<String> alias = Optional.ofNullable(body.get("room_alias_name")).map(JsonNode::asText)
                .map(local -> "#" + local + ":" + options.serverName());
        if (alias.isPresent() && world.resolveAlias(alias.get()).isPresent()) {
            throw new MatrixError(400, "M_ROOM_IN_USE", "Room alias already taken");
        }
        String preset = body.path("preset").asText(
                body.path("visibility").asText("private").equals("public") ? "public_chat" : "private_chat");
        FakeRoom room = world.newRoom();
        ObjectNode create = Exchange.object();
        if (body.path("creation_content").isObject()) {
            create.setAll((ObjectNode) body.get("creation_content"));
        }
        create.put("creator", creator);
        create.put("room_version", "10");
        state(room, creator, "m.room.create", "", create);
        state(room, creator, "m.room.member", creator, Exchange.object().put("membership", "join"));
        ObjectNode power = Exchange.object();
        power.putObject("users").put(creator, 100);
        power.put("users_default", 0).put("events_default", 0).put("state_default", 50)
                .put("ban", 50).put("kick", 50).put("redact", 50).put("invite", 0);
        if (body.path("power_level_content_override").isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = body.get("power_level_content_override").fields();
            it.forEachRemaining(e -> power.set(e.getKey(), e.getValue()));
        }
        state(room, creator, "m.room.power_levels", "", power);
        state(room, creator, "m.room.join_rules", "",
                Exchange.object().put("join_rule", preset.equals("public_chat") ? "public" : "invite"));
        state(room, creator, "m.room.history_visibility", "", Exchange.object().put("history_visibility", "shared"));
        for (JsonNode s : body.path("initial_state")) {
            state(room, creator, s.path("type").asText(), s.path("state_key").asText(""), s.path("content"));
        }
        if (body.hasNonNull("name")) {
            state(room, creator, "m.room.name", "", Exchange.object().put("name", body.get("name").asText()));
        }
        if (body.hasNonNull("topic")) {
            state(room, creator, "m.room.topic", "", Exchange.object().put("topic", body.get("topic").asText()));
        }
        alias.ifPresent(a -> {
            world.putAlias(a, room.roomId);
            state(room, creator, "m.room.canonical_alias", "", Exchange.object().put("alias", a));
        });
        for (JsonNode invitee : body.path("invite")) {
            ObjectNode c = Exchange.object().put("membership", "invite");
            if (body.path("is_direct").asBoolean(false)) {
                c.put("is_direct", true);
            }
            state(room, creator, "m.room.member", invitee.asText(), c);
        }
        ex.ok(Exchange.object().put("room_id", room.roomId));
    }

    private void state(FakeRoom room, String sender, String type, String key, JsonNode content) {
        world.append(room, sender, type, Optional.of(key), content, Optional.empty());
    }

    private void join(Exchange ex) {
        String target = ex.params.containsKey("roomId") ? ex.param("roomId") : ex.param("roomIdOrAlias");
        String roomId = target.startsWith("#")
                ? world.resolveAlias(target).orElseThrow(() -> MatrixError.notFound("Room alias " + target + " not found"))
                : target;
        String user = ex.actingUser();
        synchronized (world) {
            FakeRoom room = world.existingRoom(roomId);
            String membership = room.membership(user);
            if (!membership.equals("join")) {
                if (!membership.equals("invite") && !room.joinRule().equals("public")) {
                    throw MatrixError.forbidden("You are not invited to this room.");
                }
                state(room, user, "m.room.member", user, Exchange.object().put("membership", "join"));
            }
        }
        ex.ok(Exchange.object().put("room_id", roomId));
    }

    /** Invite or kick: the acting user changes another user's membership. */
    private void changeOther(Exchange ex, String membership) {
        ObjectNode body = ex.body();
        String target = Optional.ofNullable(body.get("user_id")).map(JsonNode::asText)
                .orElseThrow(() -> MatrixError.badJson("Missing user_id"));
        synchronized (world) {
            FakeRoom room = world.joinedRoom(ex.param("roomId"), ex.actingUser());
            String current = room.membership(target);
            if (membership.equals("invite") && current.equals("join")) {
                throw MatrixError.forbidden(target + " is already in the room.");
            }
            if (membership.equals("leave") && !(current.equals("join") || current.equals("invite"))) {
                throw MatrixError.forbidden("The target user is not in the room");
            }
            ObjectNode c = Exchange.object().put("membership", membership);
            if (body.hasNonNull("reason")) {
                c.put("reason", body.get("reason").asText());
            }
            state(room, ex.actingUser(), "m.room.member", target, c);
        }
        ex.ok(Exchange.object());
    }

    private void leave(Exchange ex) {
        String user = ex.actingUser();
        synchronized (world) {
            FakeRoom room = world.existingRoom(ex.param("roomId"));
            String m = room.membership(user);
            if (!(m.equals("join") || m.equals("invite"))) {
                throw MatrixError.forbidden("User " + user + " not in room " + room.roomId);
            }
            state(room, user, "m.room.member", user, Exchange.object().put("membership", "leave"));
        }
        ex.ok(Exchange.object());
    }

    private void send(Exchange ex) {
        ObjectNode content = ex.body();
        String user = ex.actingUser();
        String eventId = world.once(user, ex.param("txnId"), () -> {
            FakeRoom room = world.joinedRoom(ex.param("roomId"), user);
            return world.append(room, user, ex.param("eventType"), Optional.empty(), content, timestamp(ex))
                    .get("event_id").asText();
        });
        ex.ok(Exchange.object().put("event_id", eventId));
    }

    private void redact(Exchange ex) {
        ObjectNode body = ex.body();
        String user = ex.actingUser();
        String eventId = world.once(user, ex.param("txnId"), () -> {
            FakeRoom room = world.joinedRoom(ex.param("roomId"), user);
            ObjectNode c = Exchange.object().put("redacts", ex.param("eventId"));
            if (body.hasNonNull("reason")) {
                c.put("reason", body.get("reason").asText());
            }
            ObjectNode e = world.append(room, user, "m.room.redaction", Optional.empty(), c, Optional.empty());
            return e.get("event_id").asText();
        });
        ex.ok(Exchange.object().put("event_id", eventId));
    }

    private void getState(Exchange ex) {
        FakeRoom room = world.joinedRoom(ex.param("roomId"), ex.actingUser());
        String key = ex.params.getOrDefault("stateKey", "");
        ObjectNode event = world.state(room.roomId, ex.param("eventType"), key)
                .orElseThrow(() -> MatrixError.notFound("Event not found."));
        ex.ok(event.get("content"));
    }

    // GET /members: the m.room.member state events of everyone who is or was in the room.
    private void members(Exchange ex) {
        ObjectNode answer = Exchange.object();
        var chunk = answer.putArray("chunk");
        synchronized (world) {
            FakeRoom room = world.joinedRoom(ex.param("roomId"), ex.actingUser());
            for (String membership : java.util.List.of("join", "invite", "leave", "ban")) {
                for (String user : room.members(membership)) {
                    world.state(room.roomId, "m.room.member", user).ifPresent(chunk::add);
                }
            }
        }
        ex.ok(answer);
    }

    private void putState(Exchange ex) {
        ObjectNode content = ex.body();
        String key = ex.params.getOrDefault("stateKey", "");
        String user = ex.actingUser();
        String eventId;
        synchronized (world) {
            FakeRoom room = world.joinedRoom(ex.param("roomId"), user);
            eventId = world.append(room, user, ex.param("eventType"), Optional.of(key), content, timestamp(ex))
                    .get("event_id").asText();
        }
        ex.ok(Exchange.object().put("event_id", eventId));
    }

    private void receipt(Exchange ex) {
        world.joinedRoom(ex.param("roomId"), ex.actingUser());
        ex.ok(Exchange.object());
    }

    private void readMarkers(Exchange ex) {
        ex.body();
        world.joinedRoom(ex.param("roomId"), ex.actingUser());
        ex.ok(Exchange.object());
    }

    private void typing(Exchange ex) {
        ObjectNode body = ex.body();
        if (!ex.param("userId").equals(ex.actingUser())) {
            throw MatrixError.forbidden("Cannot set another user's typing state");
        }
        if (!body.has("typing")) {
            throw MatrixError.badJson("Missing typing");
        }
        world.joinedRoom(ex.param("roomId"), ex.actingUser());
        ex.ok(Exchange.object());
    }

    /** The appservice {@code ts} query parameter (timestamp massaging), when given. */
    private static Optional<Long> timestamp(Exchange ex) {
        return ex.query("ts").map(Long::parseLong);
    }
}

package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testkit.homeserver.Routes.Auth;
import java.util.List;

/** Versions, registration, whoami, profiles, presence and room aliases. */
final class AccountEndpoints {
    private static final List<String> CURRENT_VERSIONS = List.of("r0.5.0", "r0.6.0", "r0.6.1", "v1.1", "v1.2",
            "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9", "v1.10", "v1.11", "v1.12");
    private static final List<String> OLD_VERSIONS = List.of("r0.0.1", "r0.1.0", "r0.2.0", "r0.3.0", "r0.4.0",
            "r0.5.0", "r0.6.0", "r0.6.1", "v1.1", "v1.2");

    private final FakeWorld world;
    private final FakeHomeserverOptions options;

    AccountEndpoints(FakeWorld world, FakeHomeserverOptions options) {
        this.world = world;
        this.options = options;
    }

    void register(Routes routes) {
        routes.add("GET", "/_matrix/client/versions", Auth.NONE, this::versions);
        routes.add("POST", "/_matrix/client/v3/register", Auth.TOKEN, this::registerUser);
        routes.add("GET", "/_matrix/client/v3/account/whoami", Auth.USER,
                ex -> ex.ok(Exchange.object().put("user_id", ex.actingUser())));
        routes.add("GET", "/_matrix/client/v3/profile/{userId}", Auth.USER,
                ex -> ex.ok(world.profile(ex.param("userId"))));
        routes.add("GET", "/_matrix/client/v3/profile/{userId}/{field}", Auth.USER, this::getProfileField);
        routes.add("PUT", "/_matrix/client/v3/profile/{userId}/{field}", Auth.USER, this::setProfileField);
        routes.add("PUT", "/_matrix/client/v3/presence/{userId}/status", Auth.USER, this::setPresence);
        routes.add("GET", "/_matrix/client/v3/directory/room/{alias}", Auth.USER, this::resolveAlias);
        routes.add("PUT", "/_matrix/client/v3/directory/room/{alias}", Auth.USER, this::putAlias);
        routes.add("DELETE", "/_matrix/client/v3/directory/room/{alias}", Auth.USER, ex -> {
            world.deleteAlias(ex.param("alias"));
            ex.ok(Exchange.object());
        });
    }

    private void versions(Exchange ex) {
        ObjectNode body = Exchange.object();
        ArrayNode v = body.putArray("versions");
        (options.oldHomeserverMode() ? OLD_VERSIONS : CURRENT_VERSIONS).forEach(v::add);
        ObjectNode unstable = body.putObject("unstable_features");
        if (!options.oldHomeserverMode()) {
            unstable.put("org.matrix.msc3916.stable", true);
            unstable.put("fi.mau.msc2659.stable", true);
        }
        ex.ok(body);
    }

    private void registerUser(Exchange ex) {
        ObjectNode body = ex.body();
        if (!"m.login.application_service".equals(body.path("type").asText())) {
            throw new MatrixError(400, "M_MISSING_PARAM", "Appservices must register with type m.login.application_service");
        }
        String localpart = body.path("username").asText("");
        if (localpart.isEmpty() || !localpart.equals(localpart.toLowerCase()) || localpart.contains(":")) {
            throw new MatrixError(400, "M_INVALID_USERNAME", "Invalid username: '" + localpart + "'");
        }
        String userId = "@" + localpart + ":" + options.serverName();
        if (!options.ownsUser(userId)) {
            throw new MatrixError(400, "M_EXCLUSIVE", "Appservice requested to register " + userId
                    + " which is outside its namespace");
        }
        if (!world.register(userId)) {
            throw new MatrixError(400, "M_USER_IN_USE", "User ID already taken.");
        }
        ObjectNode answer = Exchange.object().put("user_id", userId);
        if (!body.path("inhibit_login").asBoolean(false)) {
            answer.put("access_token", "syt_" + localpart + "_fake").put("device_id", "FAKEDEVICE");
        }
        ex.ok(answer);
    }

    private void getProfileField(Exchange ex) {
        JsonNode value = world.profile(ex.param("userId")).get(ex.param("field"));
        if (value == null) {
            throw MatrixError.notFound("The requested profile key does not exist.");
        }
        ex.ok(Exchange.object().set(ex.param("field"), value));
    }

    private void setProfileField(Exchange ex) {
        ObjectNode body = ex.body();
        String field = ex.param("field");
        if (!ex.param("userId").equals(ex.actingUser())) {
            throw MatrixError.forbidden("Cannot set another user's profile");
        }
        if (!body.path(field).isTextual()) {
            throw MatrixError.badJson("Missing key '" + field + "'");
        }
        world.setProfileField(ex.actingUser(), field, body.get(field).asText());
        ex.ok(Exchange.object());
    }

    private void setPresence(Exchange ex) {
        ObjectNode body = ex.body();
        if (!ex.param("userId").equals(ex.actingUser())) {
            throw MatrixError.forbidden("You may only set your own presence");
        }
        String presence = body.path("presence").asText("");
        if (!List.of("online", "offline", "unavailable").contains(presence)) {
            throw new MatrixError(400, "M_INVALID_PARAM", "Invalid presence state: '" + presence + "'");
        }
        world.setPresence(ex.actingUser(), presence);
        ex.ok(Exchange.object());
    }

    private void resolveAlias(Exchange ex) {
        String roomId = world.resolveAlias(ex.param("alias"))
                .orElseThrow(() -> MatrixError.notFound("Room alias " + ex.param("alias") + " not found"));
        ObjectNode body = Exchange.object().put("room_id", roomId);
        body.putArray("servers").add(options.serverName());
        ex.ok(body);
    }

    private void putAlias(Exchange ex) {
        ObjectNode body = ex.body();
        if (!body.path("room_id").isTextual()) {
            throw MatrixError.badJson("Missing room_id");
        }
        world.putAlias(ex.param("alias"), body.get("room_id").asText());
        ex.ok(Exchange.object());
    }
}

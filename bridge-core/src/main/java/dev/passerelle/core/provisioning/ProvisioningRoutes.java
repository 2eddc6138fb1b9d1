package dev.passerelle.core.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.appservice.BoundedBody;
import dev.passerelle.core.appservice.MatrixErrors;
import dev.passerelle.core.appservice.OffContext;
import dev.passerelle.core.bridge.Network;
import dev.passerelle.core.command.CommandTarget;
import dev.passerelle.core.command.LoginSummary;
import dev.passerelle.core.command.ManagementRooms;
import dev.passerelle.core.spi.LoginStep;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The handlers of the login endpoints ({@code whoami}, {@code login/*}, {@code logins}, {@code logout}). Each runs
 * after {@link ProvisioningAuth}; blocking work runs off the HTTP context.
 */
final class ProvisioningRoutes {

    private static final long MAX_BODY_BYTES = 64 * 1024;
    private static final String BODY = "passerelle.provisioning.body";

    private final ProvisioningScope scope;
    private final CommandTarget target;
    private final ManagementRooms rooms;
    private final ProvisioningLogins logins;

    ProvisioningRoutes(ProvisioningScope scope, CommandTarget target, ManagementRooms rooms,
                       ProvisioningLogins logins) {
        this.scope = scope;
        this.target = target;
        this.rooms = rooms;
        this.logins = logins;
    }

    void whoami(RoutingContext ctx) {
        Caller caller = ProvisioningAuth.caller(ctx);
        answer(ctx, "provisioning whoami", () -> {
            ObjectNode out = MatrixErrors.JSON.createObjectNode().put("user_id", caller.userId())
                    .put("permission", caller.level().name().toLowerCase(Locale.ROOT))
                    .put("homeserver", scope.homeserverDomain()).put("command_prefix", scope.commandPrefix());
            ArrayNode networks = out.putArray("networks");
            ArrayNode all = out.putArray("logins");
            for (Network network : scope.networks().values()) {
                ObjectNode n = networks.addObject().put("id", network.id())
                        .put("name", network.description().displayName())
                        .put("network_url", network.description().networkUrl())
                        .put("bridge_bot", network.botUserId());
                n.set("login_flows", LoginStepJson.flows(network.connector().loginFlows()));
                rooms.roomOf(caller.userId(), network.id()).ifPresent(r -> n.put("management_room", r));
                ArrayNode mine = n.putArray("logins");
                for (LoginSummary login : target.logins(network.id(), caller.userId())) {
                    mine.add(login(login));
                    all.add(login(login));
                }
            }
            if (scope.networks().size() == 1) {
                // The shape of a single-network mautrix bridge, for clients that know only that.
                ObjectNode only = (ObjectNode) networks.get(0);
                out.putObject("network").put("network_id", only.path("id").asText())
                        .put("displayname", only.path("name").asText())
                        .put("network_url", only.path("network_url").asText());
                out.set("login_flows", only.get("login_flows"));
                out.put("bridge_bot", only.path("bridge_bot").asText());
                if (only.has("management_room")) {
                    out.put("management_room", only.path("management_room").asText());
                }
            }
            return out;
        });
    }

    void flows(RoutingContext ctx) {
        answer(ctx, "provisioning flows", () -> {
            ObjectNode out = MatrixErrors.JSON.createObjectNode();
            ObjectNode byNetwork = out.putObject("networks");
            scope.networks().values().forEach(n -> byNetwork.putObject(n.id())
                    .put("name", n.description().displayName())
                    .set("flows", LoginStepJson.flows(n.connector().loginFlows())));
            Optional<Network> chosen = optionalNetwork(ctx);
            chosen.ifPresent(n -> out.set("flows", LoginStepJson.flows(n.connector().loginFlows())));
            return out;
        });
    }

    void start(RoutingContext ctx) {
        Caller caller = ProvisioningAuth.caller(ctx);
        String flow = ctx.pathParam("flowId");
        answer(ctx, "provisioning login start", () -> {
            Network network = scope.network(ctx.request().getParam("network"));
            ProvisioningLogins.Started started = logins.start(caller.userId(), network.connector(), flow);
            return LoginStepJson.step(started.processId(), started.step());
        });
    }

    void step(RoutingContext ctx) {
        Caller caller = ProvisioningAuth.caller(ctx);
        String processId = ctx.pathParam("processId");
        String stepId = ctx.pathParam("stepId");
        String type = ctx.pathParam("type");
        if (type.equals(LoginStepJson.DISPLAY_AND_WAIT)) {
            answer(ctx, "provisioning login wait",
                    () -> LoginStepJson.step(processId, logins.await(caller.userId(), processId, stepId)));
            return;
        }
        if (!type.equals(LoginStepJson.USER_INPUT) && !type.equals(LoginStepJson.COOKIES)) {
            MatrixErrors.error(ctx, 404, "M_UNRECOGNIZED", "Unknown step type '" + type + "'; use user_input, "
                    + "cookies or display_and_wait");
            return;
        }
        Map<String, String> values;
        try {
            values = readValues(ctx);
        } catch (ProvisioningException e) {
            error(ctx, e);
            return;
        }
        answer(ctx, "provisioning login step", () -> {
            LoginStep next = logins.submit(caller.userId(), processId, stepId, type, values);
            return LoginStepJson.step(processId, next);
        });
    }

    void cancel(RoutingContext ctx) {
        Caller caller = ProvisioningAuth.caller(ctx);
        String processId = ctx.pathParam("processId");
        answer(ctx, "provisioning login cancel", () -> {
            logins.cancel(caller.userId(), processId);
            return MatrixErrors.JSON.createObjectNode();
        });
    }

    void listLogins(RoutingContext ctx) {
        Caller caller = ProvisioningAuth.caller(ctx);
        answer(ctx, "provisioning logins", () -> {
            ObjectNode out = MatrixErrors.JSON.createObjectNode();
            ArrayNode ids = out.putArray("login_ids");
            ArrayNode details = out.putArray("logins");
            for (LoginSummary login : allLogins(caller.userId())) {
                ids.add(login.loginId());
                details.add(login(login));
            }
            ArrayNode running = out.putArray("in_progress");
            logins.inProgress(caller.userId()).forEach(running::add);
            return out;
        });
    }

    void logout(RoutingContext ctx) {
        Caller caller = ProvisioningAuth.caller(ctx);
        String loginId = ctx.pathParam("loginId");
        String networkParam = ctx.request().getParam("network");
        answer(ctx, "provisioning logout", () -> {
            List<LoginSummary> mine = allLogins(caller.userId()).stream()
                    .filter(l -> networkParam == null || l.network().equals(networkParam)).toList();
            List<LoginSummary> chosen = loginId.equals("all") ? mine
                    : mine.stream().filter(l -> l.loginId().equals(loginId)).toList();
            if (chosen.isEmpty() && !loginId.equals("all")) {
                throw new ProvisioningException(404, "M_NOT_FOUND", caller.userId() + " has no login " + loginId
                        + "; GET .../v3/logins lists theirs");
            }
            if (chosen.size() > 1 && !loginId.equals("all")) {
                throw new ProvisioningException(400, "M_INVALID_PARAM", "Login " + loginId + " exists on several "
                        + "networks; say which with ?network=");
            }
            for (LoginSummary login : chosen) {
                try {
                    target.logout(login.network(), login.loginId());
                } catch (Exception e) {
                    throw new ProvisioningException(500, "PASSERELLE.LOGOUT_FAILED", "Logging out of "
                            + login.network() + " login " + login.loginId() + " failed: " + e.getMessage());
                }
            }
            ObjectNode out = MatrixErrors.JSON.createObjectNode();
            ArrayNode done = out.putArray("logged_out");
            chosen.forEach(l -> done.add(l.loginId()));
            return out;
        });
    }

    private List<LoginSummary> allLogins(String userId) {
        List<LoginSummary> all = new ArrayList<>();
        scope.networks().keySet().forEach(n -> all.addAll(target.logins(n, userId)));
        return all;
    }

    static ObjectNode login(LoginSummary login) {
        ObjectNode out = MatrixErrors.JSON.createObjectNode().put("id", login.loginId())
                .put("network", login.network()).put("name", login.remoteName());
        out.putObject("state").put("state_event", login.state().name());
        return out;
    }

    private Optional<Network> optionalNetwork(RoutingContext ctx) throws ProvisioningException {
        String param = ctx.request().getParam("network");
        if (param == null && scope.networks().size() != 1) {
            return Optional.empty();
        }
        return Optional.of(scope.network(param));
    }

    /**
     * Reads the (small) body of every request before anything answers, so that an answer never leaves a body unread
     * (which would close the connection, and with HTTP/2 every other request on it).
     */
    static void readBody(RoutingContext ctx) {
        byte[] raw;
        try {
            raw = BoundedBody.read(ctx.request(), MAX_BODY_BYTES).await().getBytes();
        } catch (Exception e) {
            MatrixErrors.error(ctx, 413, "M_TOO_LARGE", "A provisioning request body is a small JSON object "
                    + "(at most " + MAX_BODY_BYTES + " bytes)");
            return;
        }
        ctx.put(BODY, raw);
        ctx.next();
    }

    private static Map<String, String> readValues(RoutingContext ctx) throws ProvisioningException {
        byte[] raw = ctx.get(BODY);
        JsonNode body;
        try {
            body = raw.length == 0 ? MatrixErrors.JSON.createObjectNode() : MatrixErrors.JSON.readTree(raw);
        } catch (java.io.IOException e) {
            throw new ProvisioningException(400, "M_NOT_JSON", "The body is not valid JSON; send "
                    + "{\"<field id>\": \"<value>\"}");
        }
        if (body == null || !body.isObject()) {
            throw new ProvisioningException(400, "M_BAD_JSON", "The body must be a JSON object of field values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var field : body.properties()) {
            if (!field.getValue().isTextual()) {
                throw new ProvisioningException(400, "M_BAD_JSON", "The value of '" + field.getKey()
                        + "' must be a string");
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    /** Work that answers with JSON or a {@link ProvisioningException}. */
    interface Answer {
        JsonNode call() throws ProvisioningException;
    }

    /** Runs {@code work} off the HTTP context and writes its answer. */
    static void answer(RoutingContext ctx, String name, Answer work) {
        Outcome outcome = OffContext.call(name, () -> {
            try {
                return new Outcome(Optional.of(work.call()), Optional.empty());
            } catch (ProvisioningException e) {
                return new Outcome(Optional.empty(), Optional.of(e));
            }
        });
        if (outcome.error().isPresent()) {
            error(ctx, outcome.error().get());
        } else {
            MatrixErrors.json(ctx, 200, outcome.body().orElseThrow().toString());
        }
    }

    private record Outcome(Optional<JsonNode> body, Optional<ProvisioningException> error) {
    }

    static void error(RoutingContext ctx, ProvisioningException e) {
        if (e.processId().isEmpty()) {
            MatrixErrors.error(ctx, e.status(), e.errcode(), e.getMessage());
            return;
        }
        ObjectNode body = MatrixErrors.JSON.createObjectNode().put("errcode", e.errcode()).put("error", e.getMessage())
                .put("login_id", e.processId().get());
        MatrixErrors.json(ctx, e.status(), body.toString());
    }
}

package dev.passerelle.core.appservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The homeserver's questions: user and alias queries, third-party lookups, and the ping. */
final class QueryRoutes {

    private static final long MAX_PING_BYTES = 64 * 1024;

    private final AppserviceQueries queries;
    private final AtomicReference<String> lastPing = new AtomicReference<>();

    QueryRoutes(AppserviceQueries queries) {
        this.queries = queries;
    }

    Optional<String> lastPingTransactionId() {
        return Optional.ofNullable(lastPing.get());
    }

    void user(RoutingContext ctx) {
        String userId = ctx.pathParam("userId");
        if (OffContext.call("user query", () -> queries.users().userExists(userId))) {
            MatrixErrors.json(ctx, 200, "{}");
        } else {
            MatrixErrors.error(ctx, 404, "M_NOT_FOUND", "No user " + userId + " is bridged here");
        }
    }

    void room(RoutingContext ctx) {
        String alias = ctx.pathParam("roomAlias");
        if (OffContext.call("alias query", () -> queries.aliases().aliasExists(alias))) {
            MatrixErrors.json(ctx, 200, "{}");
        } else {
            MatrixErrors.error(ctx, 404, "M_NOT_FOUND", "No room alias " + alias + " is bridged here");
        }
    }

    void ping(RoutingContext ctx) {
        Buffer raw;
        try {
            raw = BoundedBody.read(ctx.request(), MAX_PING_BYTES).await();
        } catch (Exception e) {
            MatrixErrors.error(ctx, 413, "M_TOO_LARGE", "A ping body is a small JSON object");
            return;
        }
        if (raw.length() > 0) {
            JsonNode body;
            try {
                body = MatrixErrors.JSON.readTree(raw.getBytes());
            } catch (java.io.IOException e) {
                MatrixErrors.error(ctx, 400, "M_NOT_JSON", "The ping body is not valid JSON");
                return;
            }
            if (!body.isObject()) {
                MatrixErrors.error(ctx, 400, "M_BAD_JSON", "The ping body must be a JSON object");
                return;
            }
            JsonNode txn = body.get("transaction_id");
            if (txn != null && !txn.isTextual()) {
                MatrixErrors.error(ctx, 400, "M_BAD_JSON", "transaction_id must be a string");
                return;
            }
            if (txn != null) {
                lastPing.set(txn.asText());
            }
        }
        MatrixErrors.json(ctx, 200, "{}");
    }

    void protocol(RoutingContext ctx) {
        String protocol = ctx.pathParam("protocol");
        Optional<ObjectNode> found = OffContext.call("protocol query", () -> queries.thirdParty().protocol(protocol));
        if (found.isPresent()) {
            MatrixErrors.json(ctx, 200, found.get().toString());
        } else {
            MatrixErrors.error(ctx, 404, "M_NOT_FOUND", "The protocol " + protocol + " is not bridged here");
        }
    }

    void locationsByProtocol(RoutingContext ctx) {
        String protocol = ctx.pathParam("protocol");
        Map<String, String> fields = fields(ctx);
        forward(ctx, OffContext.call("location query", () -> queries.thirdParty().locations(protocol, fields)),
                "No portal room matches these fields for protocol " + protocol);
    }

    void usersByProtocol(RoutingContext ctx) {
        String protocol = ctx.pathParam("protocol");
        Map<String, String> fields = fields(ctx);
        forward(ctx, OffContext.call("user lookup", () -> queries.thirdParty().users(protocol, fields)),
                "No user matches these fields for protocol " + protocol);
    }

    void locationsByAlias(RoutingContext ctx) {
        String alias = ctx.request().getParam("alias", "");
        list(ctx, OffContext.call("location lookup", () -> queries.thirdParty().locationsForAlias(alias)));
    }

    void usersByMatrixId(RoutingContext ctx) {
        String userId = ctx.request().getParam("userid", "");
        list(ctx, OffContext.call("user lookup", () -> queries.thirdParty().usersForMatrixId(userId)));
    }

    private static void forward(RoutingContext ctx, List<ObjectNode> found, String noneMessage) {
        if (found.isEmpty()) {
            MatrixErrors.error(ctx, 404, "M_NOT_FOUND", noneMessage);
        } else {
            list(ctx, found);
        }
    }

    private static void list(RoutingContext ctx, List<ObjectNode> found) {
        ArrayNode array = MatrixErrors.JSON.createArrayNode();
        found.forEach(array::add);
        MatrixErrors.json(ctx, 200, array.toString());
    }

    private static Map<String, String> fields(RoutingContext ctx) {
        Map<String, String> fields = new LinkedHashMap<>();
        ctx.queryParams().forEach(e -> {
            if (!e.getKey().equals("access_token")) {
                fields.putIfAbsent(e.getKey(), e.getValue());
            }
        });
        return fields;
    }
}

package dev.passerelle.core.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.metrics.ReadinessCheck.Readiness;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /health} (200 while the process runs) and {@code GET /ready} (200 when every {@link ReadinessCheck}
 * passes, else 503 naming the failing checks and why), without authentication. Served on the appservice port and
 * on the metrics port.
 */
public final class HealthRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthRoutes() {
    }

    /** Adds both routes to {@code router}; handlers never block their context. */
    public static void mount(Router router, ReadinessChecks checks) {
        router.get("/health").handler(ctx -> json(ctx, 200, JSON.createObjectNode().put("status", "ok")));
        router.get("/ready").handler(ctx -> {
            Map<String, Readiness> results = Future.fromCompletionStage(checks.evaluateAsync()).await();
            boolean ready = ReadinessChecks.allReady(results);
            ObjectNode body = JSON.createObjectNode().put("status", ready ? "ready" : "not ready");
            ObjectNode detail = body.putObject("checks");
            results.forEach((name, r) -> detail.put(name, switch (r) {
                case Readiness.Ready ok -> "ok";
                case Readiness.NotReady no -> no.reason();
            }));
            json(ctx, ready ? 200 : 503, body);
        });
    }

    private static void json(RoutingContext ctx, int status, ObjectNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.toString());
    }
}

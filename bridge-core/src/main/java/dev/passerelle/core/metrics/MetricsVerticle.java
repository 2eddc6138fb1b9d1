package dev.passerelle.core.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The metrics listener ({@code metrics.hostname:port}): {@code /metrics} in the Prometheus text format, plus
 * {@code /health} and {@code /ready}. Deploy it with {@code ThreadingModel.VIRTUAL_THREAD}.
 */
public final class MetricsVerticle extends VerticleBase {

    private final PrometheusMeterRegistry registry;
    private final ReadinessChecks readiness;
    private final String host;
    private final int port;
    private volatile int actualPort;

    public MetricsVerticle(PrometheusMeterRegistry registry, ReadinessChecks readiness, String host, int port) {
        this.registry = registry;
        this.readiness = readiness;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
        HealthRoutes.mount(router, readiness);
        router.errorHandler(404, ctx -> ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
                .end("Not found: this listener serves /metrics, /health and /ready\n"));
        return vertx.createHttpServer().requestHandler(router).listen(port, host)
                .map(HttpServer::actualPort).onSuccess(p -> actualPort = p);
    }

    /** The bound port, once started. */
    public int actualPort() {
        return actualPort;
    }
}

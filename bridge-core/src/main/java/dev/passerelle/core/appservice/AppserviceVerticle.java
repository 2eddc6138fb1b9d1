package dev.passerelle.core.appservice;

import dev.passerelle.core.config.AppserviceConfig;
import dev.passerelle.core.intake.TransactionIntake;
import dev.passerelle.core.metrics.HealthRoutes;
import dev.passerelle.core.metrics.IntakeMetrics;
import dev.passerelle.core.metrics.ReadinessChecks;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Application Service API server on {@code appservice.hostname:port}: every endpoint of the spec under
 * {@code /_matrix/app/v1}, the legacy unprefixed {@code /transactions}, {@code /users} and {@code /rooms}, and
 * {@code /health} and {@code /ready}. Deploy it with {@code ThreadingModel.VIRTUAL_THREAD}.
 */
public final class AppserviceVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(AppserviceVerticle.class);
    private static final String PREFIX = "/_matrix/app/v1";
    /** A connection silent this long is closed, so that a stalled client cannot hold resources. */
    private static final int IDLE_TIMEOUT_SECONDS = 60;

    private final AppserviceConfig config;
    private final TransactionRoute transactions;
    private final QueryRoutes queries;
    private final ReadinessChecks readiness;
    private final List<Consumer<Router>> extraRoutes;
    private volatile int actualPort;

    public AppserviceVerticle(AppserviceConfig config, TransactionIntake intake, IntakeMetrics metrics,
                              AppserviceQueries queries, ReadinessChecks readiness) {
        this(config, intake, metrics, queries, readiness, List.of());
    }

    /**
     * @param extraRoutes mount more endpoints on the same listener (the provisioning API) with their own
     *                    authentication; called once when the server starts
     */
    public AppserviceVerticle(AppserviceConfig config, TransactionIntake intake, IntakeMetrics metrics,
                              AppserviceQueries queries, ReadinessChecks readiness,
                              List<Consumer<Router>> extraRoutes) {
        this.config = config;
        this.extraRoutes = List.copyOf(extraRoutes);
        long limit = config.maxBodyBytes() > 0 ? config.maxBodyBytes() : 16L * 1024 * 1024;
        this.transactions = new TransactionRoute(intake, metrics, limit);
        this.queries = new QueryRoutes(queries);
        this.readiness = readiness;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS);
        return vertx.createHttpServer(options).requestHandler(router()).listen(config.port(), config.hostname())
                .map(HttpServer::actualPort)
                .onSuccess(p -> {
                    actualPort = p;
                    LOG.info("Appservice API listening on {}:{}", config.hostname(), p);
                });
    }

    private Router router() {
        Router router = Router.router(vertx);
        HsTokenCheck auth = new HsTokenCheck(config.hsToken());
        for (String prefix : new String[] {PREFIX, ""}) {
            router.put(prefix + "/transactions/:txnId").handler(transactions::count).handler(auth)
                    .handler(transactions::handle);
            router.get(prefix + "/users/:userId").handler(auth).handler(queries::user);
            router.get(prefix + "/rooms/:roomAlias").handler(auth).handler(queries::room);
        }
        router.post(PREFIX + "/ping").handler(auth).handler(queries::ping);
        router.get(PREFIX + "/thirdparty/protocol/:protocol").handler(auth).handler(queries::protocol);
        router.get(PREFIX + "/thirdparty/location").handler(auth).handler(queries::locationsByAlias);
        router.get(PREFIX + "/thirdparty/location/:protocol").handler(auth).handler(queries::locationsByProtocol);
        router.get(PREFIX + "/thirdparty/user").handler(auth).handler(queries::usersByMatrixId);
        router.get(PREFIX + "/thirdparty/user/:protocol").handler(auth).handler(queries::usersByProtocol);
        HealthRoutes.mount(router, readiness);
        extraRoutes.forEach(mount -> mount.accept(router));
        router.errorHandler(404, ctx -> MatrixErrors.error(ctx, 404, "M_UNRECOGNIZED",
                "Unrecognized request: " + ctx.request().method() + " " + ctx.request().path()
                        + " is not an Application Service API endpoint"));
        router.errorHandler(405, ctx -> MatrixErrors.error(ctx, 405, "M_UNRECOGNIZED",
                "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(500, ctx -> {
            LOG.error("Request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            MatrixErrors.error(ctx, 500, "M_UNKNOWN", "The bridge failed while answering this request; see its log");
        });
        return router;
    }

    /** The bound port, once started (the configured one, or the one chosen when it was 0). */
    public int actualPort() {
        return actualPort;
    }

    /** The {@code transaction_id} of the last ping the homeserver relayed, if any. */
    public Optional<String> lastPingTransactionId() {
        return queries.lastPingTransactionId();
    }
}

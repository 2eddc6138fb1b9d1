package dev.passerelle.core;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.passerelle.core.appservice.AppserviceQueries;
import dev.passerelle.core.appservice.AppserviceVerticle;
import dev.passerelle.core.bridge.Bridge;
import dev.passerelle.core.command.ManagementRoomHandler;
import dev.passerelle.core.provisioning.ProvisioningApi;
import dev.passerelle.core.spi.WebhookReceiving;
import dev.passerelle.core.webhook.DeliveryRetries;
import dev.passerelle.core.webhook.WebhookInbox;
import dev.passerelle.core.webhook.WebhookRoutes;
import java.util.LinkedHashMap;
import java.util.Map;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.intake.InboundEventHandler;
import dev.passerelle.core.intake.HandlerRetries;
import dev.passerelle.core.intake.InboundEventHandlerProvider;
import dev.passerelle.core.intake.LoggingEventHandler;
import dev.passerelle.core.intake.TransactionIntake;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.RetryPolicy;
import dev.passerelle.core.metrics.DatabaseReadinessCheck;
import dev.passerelle.core.metrics.IntakeMetrics;
import dev.passerelle.core.metrics.MetricsVerticle;
import dev.passerelle.core.metrics.ReadinessCheck;
import dev.passerelle.core.metrics.ReadinessChecks;
import dev.passerelle.core.store.Database;
import dev.passerelle.core.store.JdbcTarget;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bridge: the appservice HTTP server, the durable intake and its dispatcher, the store and the
 * metrics, wired from one validated config. {@code bridge-app}'s {@code run} command and the end-to-end tests start
 * it the same way. Event handlers come from the caller and from every {@link InboundEventHandlerProvider} on the
 * class path; a {@link LoggingEventHandler} is always first.
 */
public final class Passerelle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Passerelle.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** The homeserver link is probed once per attempt; {@link HomeserverConnection} does the retrying. */
    private static final RetryPolicy PROBE_POLICY =
            new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(15));
    private static final Duration HOMESERVER_FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration HOMESERVER_MAX_RETRY = Duration.ofSeconds(30);
    private static final Duration HOMESERVER_RECHECK = Duration.ofSeconds(30);
    /** How often a long homeserver outage is logged again, with its length. */
    private static final Duration HOMESERVER_DOWN_REMINDER = Duration.ofMinutes(5);

    private final List<AutoCloseable> opened;
    private final PrometheusMeterRegistry registry;
    private final BridgeServices services;
    private final TransactionIntake intake;
    private final ReadinessChecks readiness;
    private final AppserviceVerticle appservice;
    private final Optional<MetricsVerticle> metricsListener;
    private final Bridge bridge;
    private boolean closed;

    private Passerelle(Builder b) {
        this.opened = b.opened;
        this.registry = b.registry;
        this.services = b.services;
        this.intake = b.intake;
        this.readiness = b.readiness;
        this.appservice = b.appservice;
        this.metricsListener = b.metricsListener;
        this.bridge = b.bridge;
    }

    /**
     * Starts the bridge with relative SQLite paths resolved against the working directory; see
     * {@link #start(PasserelleConfig, Path, List)}.
     */
    public static Passerelle start(PasserelleConfig config) {
        return start(config, Path.of("."), List.of());
    }

    /**
     * Opens the database, resumes the intake (events not done before the last stop are handed again), and starts
     * the HTTP listeners; returns once they are bound. Blocks; call it from a plain or virtual thread, not a Vert.x
     * event loop.
     *
     * @param baseDir       the directory relative SQLite paths are resolved against (the config file's)
     * @param extraHandlers handlers to run after the logging handler and before the ServiceLoader-provided ones
     * @throws dev.passerelle.core.store.StoreUnavailableException when the database cannot be opened
     * @throws IllegalStateException when a listener cannot be bound (the message names the address)
     */
    public static Passerelle start(PasserelleConfig config, Path baseDir, List<InboundEventHandler> extraHandlers) {
        Builder b = new Builder();
        try {
            b.build(config, baseDir, extraHandlers);
            return new Passerelle(b);
        } catch (RuntimeException e) {
            closeAll(b.opened);
            throw e;
        }
    }

    /** What the bridge shares with handlers and connectors. */
    public BridgeServices services() {
        return services;
    }

    /** The bridge engine: the enabled networks and their logins (inactive when no network is enabled). */
    public Bridge bridge() {
        return bridge;
    }

    /** The registry behind {@code /metrics}. */
    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /** The checks behind {@code /ready}; add more with {@link ReadinessChecks#add(ReadinessCheck)}. */
    public ReadinessChecks readiness() {
        return readiness;
    }

    /** The bound appservice port (the configured one, or the one chosen when it was 0). */
    public int appservicePort() {
        return appservice.actualPort();
    }

    /** The bound metrics port, when {@code metrics.enabled}. */
    public OptionalInt metricsPort() {
        return metricsListener.map(m -> OptionalInt.of(m.actualPort())).orElse(OptionalInt.empty());
    }

    /** The {@code transaction_id} of the last ping the homeserver relayed, if any. */
    public Optional<String> lastPingTransactionId() {
        return appservice.lastPingTransactionId();
    }

    /** Events dispatched and not yet done. */
    public long pendingEvents() {
        return intake.pendingEvents();
    }

    /**
     * Stops accepting transactions (503 meanwhile), lets handlers finish the event in hand, records progress, then
     * closes the listeners, Vert.x and the store. Blocks up to about ten seconds; safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Stopping: finishing the events in hand and recording progress");
        intake.close(SHUTDOWN_GRACE);
        closeAll(opened);
        LOG.info("Stopped");
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (AutoCloseable c : opened.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Error while closing {}: {}", c, e.toString());
            }
        }
        opened.clear();
    }

    /** Start-up steps, in order; whatever was opened is closed again if a later step fails. */
    private static final class Builder {
        final List<AutoCloseable> opened = new ArrayList<>();
        PrometheusMeterRegistry registry;
        BridgeServices services;
        TransactionIntake intake;
        ReadinessChecks readiness;
        AppserviceVerticle appservice;
        Optional<MetricsVerticle> metricsListener = Optional.empty();
        HomeserverConnection homeserver;
        Bridge bridge;
        WebhookInbox webhooks;

        void build(PasserelleConfig config, Path baseDir, List<InboundEventHandler> extraHandlers) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            opened.add(registry::close);
            bindJvmMetrics();

            Database database = Database.open(JdbcTarget.parse(config.database().type(), config.database().uri(),
                    baseDir), config.database().maxPoolSize(), List.of());
            opened.add(database);
            database.pool().setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));

            Vertx vertx = Vertx.vertx();
            opened.add(() -> vertx.close().toCompletionStage().toCompletableFuture().join());
            MatrixClient matrix = MatrixClient.create(vertx, config.homeserver(), config.appservice(), registry);
            opened.add(matrix);
            services = new BridgeServices(config, vertx, database, matrix, registry);
            // Networks start before the listeners; closed after the intake (reverse order), before Matrix and Vert.x.
            bridge = Bridge.start(services, baseDir);
            opened.add(bridge);
            // After the bridge, so that it is closed before: deliveries in hand are interrupted, not lost.
            webhooks = WebhookInbox.open(database, receivers(bridge), DeliveryRetries.DEFAULT);
            opened.add(webhooks);

            IntakeMetrics intakeMetrics = new IntakeMetrics(registry);
            List<InboundEventHandler> engineAndExtra = new ArrayList<>(bridge.matrixHandlers());
            engineAndExtra.addAll(extraHandlers);
            intake = TransactionIntake.open(database, handlers(engineAndExtra), HandlerRetries.DEFAULT, intakeMetrics);
            opened.add(intake);

            readiness = new ReadinessChecks(Duration.ofSeconds(3));
            readiness.add(new DatabaseReadinessCheck(database));
            readiness.add(new ReadinessCheck() {
                @Override
                public String name() {
                    return "intake";
                }

                @Override
                public Readiness check() {
                    return intake.isClosed() ? Readiness.notReady("the bridge is shutting down")
                            : Readiness.ok();
                }
            });

            String bot = "@" + config.appservice().botLocalpart() + ":" + config.homeserver().domain();
            appservice = new AppserviceVerticle(config.appservice(), intake, intakeMetrics,
                    AppserviceQueries.defaults(bot), readiness, extraRoutes(config));
            deploy(vertx, appservice, "the appservice API on " + config.appservice().hostname() + ":"
                    + config.appservice().port() + " (appservice.hostname / appservice.port)");
            homeserver = new HomeserverConnection(
                    MatrixClient.create(vertx, config.homeserver(), config.appservice(), registry, PROBE_POLICY),
                    matrix, config.homeserver().address(), config.appservice().address(),
                    config.appservice().botDisplayname(), HOMESERVER_FIRST_RETRY, HOMESERVER_MAX_RETRY,
                    HOMESERVER_RECHECK, new OutageReminder(Clock.systemUTC(), HOMESERVER_DOWN_REMINDER));
            readiness.add(homeserver);
            if (config.metrics() != null && config.metrics().enabled()) {
                MetricsVerticle metrics = new MetricsVerticle(registry, readiness, config.metrics().hostname(),
                        config.metrics().port());
                deploy(vertx, metrics, "the metrics listener on " + config.metrics().hostname() + ":"
                        + config.metrics().port() + " (metrics.hostname / metrics.port)");
                metricsListener = Optional.of(metrics);
            }
            // Only now: the homeserver's ping needs the appservice listener to answer.
            homeserver.start();
            opened.add(homeserver);
        }

        /** The provisioning API's routes (when on) and the webhook endpoints of the networks that receive any. */
        private List<Consumer<Router>> extraRoutes(PasserelleConfig config) {
            List<Consumer<Router>> routes = new ArrayList<>(provisioning(config));
            if (!webhooks.networks().isEmpty()) {
                routes.add(new WebhookRoutes(webhooks, registry)::mount);
                LOG.info("Webhooks of {} are received on {}/<network>", webhooks.networks(), WebhookRoutes.PREFIX);
            }
            return routes;
        }

        /** The enabled connectors that receive webhooks, by network id. */
        private static Map<String, WebhookReceiving> receivers(Bridge bridge) {
            Map<String, WebhookReceiving> receivers = new LinkedHashMap<>();
            bridge.networks().forEach((id, network) -> {
                if (network.connector() instanceof WebhookReceiving r) {
                    receivers.put(id, r);
                }
            });
            return receivers;
        }

        /** The provisioning API's routes when it is enabled and the engine runs a network; else none. */
        private List<Consumer<Router>> provisioning(PasserelleConfig config) {
            if (config.provisioning() == null || !config.provisioning().enabled()) {
                return List.of();
            }
            Optional<ManagementRoomHandler> commands = bridge.commands();
            if (commands.isEmpty()) {
                LOG.warn("provisioning.enabled is true but no network is enabled: the provisioning API is not served");
                return List.of();
            }
            ProvisioningApi api = ProvisioningApi.create(config.provisioning(), config.bridge(),
                    config.homeserver().domain(), bridge.networks(), commands.get().target(),
                    commands.get().managementRooms());
            opened.add(api);
            return List.of(api::mount);
        }

        private List<InboundEventHandler> handlers(List<InboundEventHandler> extra) {
            List<InboundEventHandler> handlers = new ArrayList<>();
            handlers.add(new LoggingEventHandler());
            handlers.addAll(extra);
            for (InboundEventHandlerProvider provider : ServiceLoader.load(InboundEventHandlerProvider.class)) {
                handlers.add(provider.create(services));
                LOG.info("Event handler from {}", provider.getClass().getName());
            }
            return handlers;
        }

        private void bindJvmMetrics() {
            new JvmMemoryMetrics().bindTo(registry);
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(registry);
            opened.add(gc);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        }

        private static void deploy(Vertx vertx, io.vertx.core.Deployable verticle, String what) {
            try {
                vertx.deployVerticle(verticle, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD))
                        .toCompletionStage().toCompletableFuture().join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException("Could not start " + what + ": " + cause.getMessage()
                        + ". Check that the address exists and the port is free.", cause);
            }
        }
    }
}

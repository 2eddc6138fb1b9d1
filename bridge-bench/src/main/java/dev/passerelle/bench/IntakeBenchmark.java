package dev.passerelle.bench;

import dev.passerelle.core.Passerelle;
import dev.passerelle.core.config.AppserviceConfig;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.DatabaseConfig;
import dev.passerelle.core.config.DatabaseConfig.DatabaseType;
import dev.passerelle.core.config.HomeserverConfig;
import dev.passerelle.core.config.LoggingConfig;
import dev.passerelle.core.config.MetricsConfig;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.config.SecretGenerator;
import dev.passerelle.core.metrics.ReadinessChecks;
import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code intake}: the real bridge (same wiring as {@code passerelle run}) on a fresh database, a fake homeserver
 * so that it is fully ready, and the load driver pushing transactions at it over loopback HTTP. Reports durable
 * events/s (an event counts once its transaction is acknowledged, i.e. committed) and the ack latency.
 */
@Command(name = "intake", mixinStandardHelpOptions = true,
        description = "Transactions/s, events/s and ack latency of the durable intake.")
final class IntakeBenchmark implements Callable<Integer> {

    private static final String DOMAIN = "bench.test";

    @Option(names = "--db", defaultValue = "POSTGRES", description = "SQLITE or POSTGRES (default ${DEFAULT-VALUE})")
    BenchDatabase db;

    @Option(names = "--transactions", defaultValue = "3000", description = "measured transactions (default ${DEFAULT-VALUE})")
    int transactions;

    @Option(names = "--warmup", defaultValue = "500", description = "transactions sent first, not measured (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--events", defaultValue = "100", description = "events per transaction (default ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--rooms", defaultValue = "50", description = "rooms the events are spread over (default ${DEFAULT-VALUE})")
    int rooms;

    @Option(names = "--in-flight", defaultValue = "1",
            description = "transactions in flight at once; Synapse sends 1 (default ${DEFAULT-VALUE})")
    int inFlight;

    @Override
    public Integer call() throws Exception {
        SecretGenerator secrets = new SecretGenerator();
        String asToken = secrets.token();
        String hsToken = secrets.token();
        Vertx vertx = Vertx.vertx();
        int port = freePort();
        FakeHomeserver homeserver = FakeHomeserver.start(vertx, FakeHomeserverOptions.defaults()
                .withTokens(asToken, hsToken).withServerName(DOMAIN)
                .withAppservice("passerelle", "bridgebot", "@bench_.*:bench\\.test")
                .withBridgeUrl("http://127.0.0.1:" + port).withPushRoomEvents(false));
        PasserelleConfig config = new PasserelleConfig(
                new HomeserverConfig(homeserver.url(), DOMAIN),
                new AppserviceConfig("http://127.0.0.1:" + port, "127.0.0.1", port, "passerelle", "bridgebot", "",
                        asToken, hsToken, true, 16L * 1024 * 1024),
                new DatabaseConfig(DatabaseType.valueOf(db.name()), db.freshJdbcUrl(), 10),
                new BridgeSettings("!pass", Map.of(), secrets.secretKey()),
                new MetricsConfig(false, "127.0.0.1", 0),
                new LoggingConfig("warn", ""),
                Map.of());
        try (Passerelle bridge = Passerelle.start(config, Path.of("."), List.of())) {
            while (!ReadinessChecks.allReady(bridge.readiness().evaluate())) {
                Thread.sleep(50);
            }
            IntakeLoadDriver driver = new IntakeLoadDriver(URI.create("http://127.0.0.1:" + port), hsToken);
            driver.run(warmup, events, rooms, inFlight);
            drain(bridge);
            IntakeLoadDriver.Result r = driver.run(transactions, events, rooms, inFlight);
            long drainStart = System.nanoTime();
            drain(bridge);
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            System.out.printf("intake db=%s txns=%d events/txn=%d rooms=%d in-flight=%d | durable events/s=%.0f "
                            + "txn/s=%.0f | ack p50=%.2f ms p99=%.2f ms max=%.2f ms | handled all %.2f s after the last ack%n",
                    db.name().toLowerCase(), transactions, events, rooms, inFlight, r.eventsPerSecond(),
                    r.transactions() / r.seconds(), r.ack().percentileMillis(50), r.ack().percentileMillis(99),
                    r.ack().percentileMillis(100), drainSeconds);
        } finally {
            homeserver.close();
            vertx.close();
        }
        return 0;
    }

    private static void drain(Passerelle bridge) throws InterruptedException {
        while (bridge.pendingEvents() > 0) {
            Thread.sleep(5);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

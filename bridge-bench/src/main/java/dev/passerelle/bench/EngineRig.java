package dev.passerelle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.Passerelle;
import dev.passerelle.core.config.AppserviceConfig;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.DatabaseConfig;
import dev.passerelle.core.config.DatabaseConfig.DatabaseType;
import dev.passerelle.core.config.HomeserverConfig;
import dev.passerelle.core.config.LoggingConfig;
import dev.passerelle.core.config.MetricsConfig;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.config.PermissionLevel;
import dev.passerelle.core.config.ProvisioningConfig;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.testnet.TestAccount;
import dev.passerelle.testnet.TestLogin;
import dev.passerelle.testnet.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real bridge (the wiring of {@code passerelle run}) with the test network enabled, pointed at a homeserver
 * (the testkit's fake, in this JVM or another), on a fresh database, with one Matrix user logged in to the test
 * network account {@value #ME}. Benchmarks emit remote events through {@link #login()}.
 */
final class EngineRig implements AutoCloseable {

    static final String DOMAIN = "bench.test";
    static final String NETWORK = "testnet";
    static final String ME = "me";
    static final String MATRIX_USER = "@bench:" + DOMAIN;
    /** The registration's users: the bridge bot, the test network's bot and its ghosts. */
    static final String USER_NAMESPACE = "@(bridgebot|testnetbot|testnet_.*):bench\\.test";

    private final Passerelle bridge;
    private final Path dir;
    private final TestLogin login;
    private final String jdbcUrl;
    private final BenchDatabase db;

    private EngineRig(Passerelle bridge, Path dir, TestLogin login, String jdbcUrl, BenchDatabase db) {
        this.bridge = bridge;
        this.dir = dir;
        this.login = login;
        this.jdbcUrl = jdbcUrl;
        this.db = db;
    }

    /**
     * Starts the bridge against {@code homeserverUrl} and logs {@value #MATRIX_USER} in; {@code partners} test
     * accounts {@code u0, u1...} are created for DMs with {@value #ME}. Blocks until the login is connected.
     */
    static EngineRig start(String homeserverUrl, int bridgePort, String asToken, String hsToken, BenchDatabase db,
                           int partners) throws Exception {
        return start(homeserverUrl, bridgePort, asToken, hsToken, db.freshJdbcUrl(), db, partners);
    }

    /** As above, on the database at {@code jdbcUrl} (fresh, of kind {@code db}). */
    static EngineRig start(String homeserverUrl, int bridgePort, String asToken, String hsToken, String jdbcUrl,
                           BenchDatabase db, int partners) throws Exception {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of(ME, "Me", "+33700000000"));
        for (int i = 0; i < partners; i++) {
            TestNetwork.addAccount(TestAccount.of(partner(i), "Partner " + i, "+3371" + String.format("%08d", i)));
        }
        Path dir = Files.createTempDirectory("passerelle-bench");
        PasserelleConfig config = new PasserelleConfig(new HomeserverConfig(homeserverUrl, DOMAIN),
                new AppserviceConfig("http://127.0.0.1:" + bridgePort, "127.0.0.1", bridgePort, "passerelle",
                        "bridgebot", "Bridge bot", asToken, hsToken, true, 16L * 1024 * 1024),
                new DatabaseConfig(DatabaseType.valueOf(db.name()), jdbcUrl, 10),
                new BridgeSettings("!bench", Map.of(DOMAIN, PermissionLevel.USER), secretKey()),
                new MetricsConfig(false, "127.0.0.1", 0),
                new LoggingConfig("warn", ""),
                Map.<String, JsonNode>of(NETWORK, new ObjectMapper().createObjectNode()),
                ProvisioningConfig.disabled());
        Passerelle bridge = Passerelle.start(config, dir, List.of());
        NewLogin login;
        try (LoginProcess process = bridge.bridge().networks().get(NETWORK).connector()
                .startLogin("code", MATRIX_USER)) {
            process.start();
            process.submit(Map.of("phone", "+33700000000"));
            LoginStep done = process.submit(Map.of("code", TestNetwork.lastCodeFor("+33700000000").orElseThrow()));
            login = ((LoginStep.Complete) done).login();
        }
        bridge.bridge().addLogin(NETWORK, MATRIX_USER, login);
        TestLogin handle = TestNetwork.login(login.loginId());
        waitFor("the test network login to connect", Duration.ofSeconds(30), handle::isConnected);
        return new EngineRig(bridge, dir, handle, jdbcUrl, db);
    }

    static String partner(int i) {
        return "u" + i;
    }

    /** The logged-in test network account, to emit remote events with. */
    TestLogin login() {
        return login;
    }

    /**
     * On PostgreSQL, refreshes the planner's statistics of the bridge's tables, as autovacuum does on a server where
     * it is on. This machine's server runs with autovacuum off, and a fresh database without statistics is not what
     * a running bridge has: message lookups then filter whole portals (see BENCHMARKS.md).
     */
    void analyze() throws java.sql.SQLException {
        if (db == BenchDatabase.POSTGRES) {
            try (var c = java.sql.DriverManager.getConnection(jdbcUrl); var s = c.createStatement()) {
                s.execute("ANALYZE");
            }
        }
    }

    Passerelle bridge() {
        return bridge;
    }

    static void waitFor(String what, Duration limit, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + limit.toSeconds() + " s for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static String secretKey() {
        return new dev.passerelle.core.config.SecretGenerator().secretKey();
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        bridge.close();
        TestNetwork.reset();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a leftover temp directory is harmless
        }
    }
}

package dev.passerelle.core;

import dev.passerelle.core.config.AppserviceConfig;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.DatabaseConfig;
import dev.passerelle.core.config.DatabaseConfig.DatabaseType;
import dev.passerelle.core.config.HomeserverConfig;
import dev.passerelle.core.config.LoggingConfig;
import dev.passerelle.core.config.MetricsConfig;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.testkit.db.TestDatabase;
import java.util.Map;

/** Configs for tests: listeners on random local ports, a test database, a 1 MiB body limit. */
public final class TestConfigs {

    public static final String HS_TOKEN = "hs-token-for-tests-0123456789";
    public static final String DOMAIN = "example.org";
    public static final String BOT = "@bridgebot:" + DOMAIN;
    public static final long MAX_BODY = 1024 * 1024;

    private TestConfigs() {
    }

    public static PasserelleConfig config(TestDatabase db) {
        return new PasserelleConfig(
                new HomeserverConfig("http://127.0.0.1:9", DOMAIN),
                new AppserviceConfig("http://127.0.0.1:0", "127.0.0.1", 0, "passerelle", "bridgebot", "Bridge bot",
                        "as-token-for-tests", HS_TOKEN, true, MAX_BODY),
                new DatabaseConfig(DatabaseType.valueOf(db.kind().toUpperCase()), db.jdbcUrl(), 4),
                new BridgeSettings("!pb", Map.of(), ""),
                new MetricsConfig(true, "127.0.0.1", 0),
                new LoggingConfig("info", ""),
                Map.of());
    }
}

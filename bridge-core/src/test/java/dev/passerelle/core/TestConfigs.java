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
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import java.util.Map;

/** Configs for tests: listeners on random local ports, a test database, a 1 MiB body limit. */
public final class TestConfigs {

    public static final String HS_TOKEN = "hs-token-for-tests-0123456789";
    public static final String AS_TOKEN = "as-token-for-tests-9876543210";
    public static final String DOMAIN = "example.org";
    public static final String BOT = "@bridgebot:" + DOMAIN;
    public static final long MAX_BODY = 1024 * 1024;

    /** A fake homeserver that trusts a bridge made by {@link #config(TestDatabase, String, int)} on that port. */
    public static FakeHomeserverOptions homeserverFor(int bridgePort) {
        return FakeHomeserverOptions.defaults()
                .withTokens(AS_TOKEN, HS_TOKEN)
                .withServerName(DOMAIN)
                .withAppservice("passerelle", "bridgebot", "@test_.*:example\\.org")
                .withBridgeUrl("http://127.0.0.1:" + bridgePort)
                .withPushRoomEvents(false);
    }

    private TestConfigs() {
    }

    /** A bridge whose homeserver is unreachable (port 9, discard): for tests of the appservice side alone. */
    public static PasserelleConfig config(TestDatabase db) {
        return config(db, "http://127.0.0.1:9", 0);
    }

    /** A bridge on {@code bridgePort} (0: any) talking to the homeserver at {@code homeserverUrl}. */
    public static PasserelleConfig config(TestDatabase db, String homeserverUrl, int bridgePort) {
        return new PasserelleConfig(
                new HomeserverConfig(homeserverUrl, DOMAIN),
                new AppserviceConfig("http://127.0.0.1:" + bridgePort, "127.0.0.1", bridgePort, "passerelle",
                        "bridgebot", "Bridge bot", AS_TOKEN, HS_TOKEN, true, MAX_BODY),
                new DatabaseConfig(DatabaseType.valueOf(db.kind().toUpperCase()), db.jdbcUrl(), 4),
                new BridgeSettings("!pb", Map.of(), ""),
                new MetricsConfig(true, "127.0.0.1", 0),
                new LoggingConfig("info", ""),
                Map.of());
    }
}

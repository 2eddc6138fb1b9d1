package dev.passerelle.app.e2e;

import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import dev.passerelle.testkit.net.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The {@code config.yaml} of a bridge under test: it points at a fake homeserver, listens on fixed free ports (so a
 * restart keeps its URL) and uses the given database. Records are immutable; change one field with the
 * {@code with*} methods.
 *
 * @param homeserverUrl the fake's base URL (it need not be running)
 * @param serverName    the homeserver's domain
 * @param botLocalpart  the bot's localpart, as the fake's registration says
 * @param asToken       the token the bridge presents to the homeserver
 * @param hsToken       the token the homeserver presents to the bridge
 * @param secretKey     base64 of 32 bytes
 * @param appservicePort the port the bridge's appservice API listens on
 * @param metricsPort   the port of {@code /metrics} and {@code /ready}
 * @param database      the database ({@code sqlite} here means: a file in the data directory)
 * @param logLevel      {@code logging.level}
 */
record BridgeConfig(String homeserverUrl, String serverName, String botLocalpart, String asToken, String hsToken,
                    String secretKey, int appservicePort, int metricsPort, TestDatabase database, String logLevel) {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String LOG_FILE = "bridge.log";

    /** A config matching the fake's registration, with fresh ports and an SQLite file in the data directory. */
    static BridgeConfig matching(FakeHomeserverOptions fake, String homeserverUrl) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new BridgeConfig(homeserverUrl, fake.serverName(), fake.botLocalpart(), fake.asToken(), fake.hsToken(),
                Base64.getEncoder().encodeToString(key), FreePort.find(), FreePort.find(),
                new TestDatabase("sqlite", "passerelle.db"), "info");
    }

    /** Fake homeserver options with fresh tokens long enough for the bridge's validator (64 characters). */
    static FakeHomeserverOptions fakeWithFreshTokens() {
        return FakeHomeserverOptions.defaults().withTokens("as_" + token(), "hs_" + token());
    }

    /** A random 61-character token of URL-safe characters. */
    static String token() {
        byte[] b = new byte[46];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, 61);
    }

    /** The URL the homeserver pushes transactions to. */
    String appserviceUrl() {
        return "http://127.0.0.1:" + appservicePort;
    }

    BridgeConfig withDatabase(TestDatabase db) {
        return new BridgeConfig(homeserverUrl, serverName, botLocalpart, asToken, hsToken, secretKey, appservicePort,
                metricsPort, db, logLevel);
    }

    BridgeConfig withAsToken(String token) {
        return new BridgeConfig(homeserverUrl, serverName, botLocalpart, token, hsToken, secretKey, appservicePort,
                metricsPort, database, logLevel);
    }

    BridgeConfig withLogLevel(String level) {
        return new BridgeConfig(homeserverUrl, serverName, botLocalpart, asToken, hsToken, secretKey, appservicePort,
                metricsPort, database, level);
    }

    /** Writes {@code config.yaml} into {@code dataDir} (the bridge writes its registration.yaml beside it). */
    Path writeTo(Path dataDir) {
        String yaml = """
                homeserver:
                  address: "%s"
                  domain: "%s"
                appservice:
                  address: "%s"
                  hostname: 127.0.0.1
                  port: %d
                  id: passerelle
                  bot_localpart: "%s"
                  as_token: "%s"
                  hs_token: "%s"
                database:
                  type: %s
                  uri: "%s"
                  max_pool_size: 5
                bridge:
                  secret_key: "%s"
                metrics:
                  enabled: true
                  hostname: 127.0.0.1
                  port: %d
                logging:
                  level: %s
                  file: "%s"
                """.formatted(homeserverUrl, serverName, appserviceUrl(), appservicePort, botLocalpart, asToken,
                hsToken, database.kind(), database.jdbcUrl(), secretKey, metricsPort, logLevel,
                dataDir.resolve(LOG_FILE).toAbsolutePath());
        try {
            Files.createDirectories(dataDir);
            return Files.writeString(dataDir.resolve("config.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the bridge's config.yaml in " + dataDir, e);
        }
    }
}

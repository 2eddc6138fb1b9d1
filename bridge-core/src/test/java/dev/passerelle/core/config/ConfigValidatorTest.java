package dev.passerelle.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static final String AS_TOKEN = "as-token-0123456789-0123456789-0123456789-0123456789-0123456789";
    private static final String HS_TOKEN = "hs-token-0123456789-0123456789-0123456789-0123456789-0123456789";
    private static final String SECRET_KEY = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";

    static PasserelleConfig valid() {
        return new PasserelleConfig(
                new HomeserverConfig("http://localhost:8008", "example.org"),
                new AppserviceConfig("http://localhost:29317", "127.0.0.1", 29317, "passerelle", "passerelle",
                        "Bot", AS_TOKEN, HS_TOKEN, true, 16L << 20),
                new DatabaseConfig(DatabaseConfig.DatabaseType.SQLITE, "jdbc:sqlite:/tmp/p.db", 10),
                new BridgeSettings("!pass", Map.of("*", PermissionLevel.RELAY), SECRET_KEY),
                new MetricsConfig(true, "127.0.0.1", 29318),
                new LoggingConfig("info", ""),
                Map.of());
    }

    private static List<String> keys(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::key).toList();
    }

    @Test
    void aValidConfigHasNoProblems() {
        assertEquals(List.of(), ConfigValidator.problems(valid()));
        assertEquals(valid(), ConfigValidator.validate(valid()));
    }

    @Test
    void everyProblemIsReportedAtOnceAndSecretsAreMasked() {
        var shortToken = "short-secret-token";
        var badKey = "bm90LTMyLWJ5dGVz";
        var config = new PasserelleConfig(
                new HomeserverConfig("ftp://localhost", "not a server"),
                new AppserviceConfig("localhost:29317", "bad host!", 70000, "", "Bot User", "Bot", shortToken, "",
                        true, 10),
                new DatabaseConfig(DatabaseConfig.DatabaseType.SQLITE,
                        "postgres://bridge:hunter2hunter2@db/passerelle", 0),
                new BridgeSettings("", Map.of("not an id", PermissionLevel.ADMIN), badKey),
                new MetricsConfig(true, "127.0.0.1", 0),
                new LoggingConfig("verbose", ""),
                Map.of());
        var error = assertThrows(ConfigException.class, () -> ConfigValidator.validate(config));
        assertEquals(List.of("homeserver.address", "homeserver.domain", "appservice.address",
                "appservice.hostname", "appservice.port", "appservice.id", "appservice.bot_localpart",
                "appservice.as_token", "appservice.hs_token", "appservice.max_body_bytes", "database.uri",
                "database.max_pool_size", "bridge.command_prefix", "bridge.permissions.not an id",
                "bridge.secret_key", "metrics.port", "logging.level"), keys(error.problems()));
        var message = error.getMessage();
        assertTrue(message.startsWith("The config has 17 problems:"), message);
        assertFalse(message.contains(shortToken), message);
        assertFalse(message.contains("hunter2"), message);
        assertFalse(message.contains(badKey), message);
        assertTrue(message.contains("shor…(18 chars)"), message);
        assertTrue(message.contains("postgres://bridge:***@db/passerelle"), message);
        assertTrue(message.contains("set database.type: postgres"), message);
        assertTrue(message.contains("decodes to 12 bytes but must decode to exactly 32"), message);
    }

    @Test
    void equalTokensAreRefused() {
        var v = valid();
        var a = v.appservice();
        var same = new PasserelleConfig(v.homeserver(), new AppserviceConfig(a.address(), a.hostname(), a.port(),
                a.id(), a.botLocalpart(), a.botDisplayname(), AS_TOKEN, AS_TOKEN, true, a.maxBodyBytes()),
                v.database(), v.bridge(), v.metrics(), v.logging(), v.networks());
        var problems = ConfigValidator.problems(same);
        assertEquals(List.of("appservice.hs_token"), keys(problems));
        assertTrue(problems.getFirst().fix().contains("must differ"));
        assertFalse(problems.getFirst().render().contains(AS_TOKEN));
    }

    @Test
    void aMissingSecretKeyIsRefused() {
        var v = valid();
        var config = new PasserelleConfig(v.homeserver(), v.appservice(), v.database(),
                new BridgeSettings("!pass", Map.of(), ""), v.metrics(), v.logging(), v.networks());
        var problems = ConfigValidator.problems(config);
        assertEquals(List.of("bridge.secret_key"), keys(problems));
        assertTrue(problems.getFirst().fix().contains("generate-config"));
    }

    @Test
    void databaseUrisAreMatchedToTheirType() {
        assertEquals(List.of(), databaseProblems(DatabaseConfig.DatabaseType.POSTGRES,
                "postgres://user:pass@localhost:5432/passerelle"));
        assertEquals(List.of(), databaseProblems(DatabaseConfig.DatabaseType.POSTGRES,
                "jdbc:postgresql://localhost:5432/passerelle?user=postgres"));
        assertEquals(List.of(), databaseProblems(DatabaseConfig.DatabaseType.SQLITE, "jdbc:sqlite:/var/lib/p.db"));
        assertEquals(List.of("database.uri"), databaseProblems(DatabaseConfig.DatabaseType.POSTGRES,
                "jdbc:sqlite:/var/lib/p.db"));
        assertEquals(List.of("database.uri"), databaseProblems(DatabaseConfig.DatabaseType.POSTGRES, ""));
        assertEquals(List.of("database.uri"), databaseProblems(DatabaseConfig.DatabaseType.POSTGRES,
                "postgres://localhost"));
        assertEquals(List.of("database.uri"), databaseProblems(DatabaseConfig.DatabaseType.SQLITE,
                "mysql://localhost/x"));
    }

    private static List<String> databaseProblems(DatabaseConfig.DatabaseType type, String uri) {
        var v = valid();
        return keys(ConfigValidator.problems(new PasserelleConfig(v.homeserver(), v.appservice(),
                new DatabaseConfig(type, uri, 5), v.bridge(), v.metrics(), v.logging(), v.networks())));
    }

    @Test
    void permissionKeysMayBeEveryoneAServerOrAUser() {
        var v = valid();
        var config = new PasserelleConfig(v.homeserver(), v.appservice(), v.database(),
                new BridgeSettings("!pass", Map.of("*", PermissionLevel.RELAY, "example.org", PermissionLevel.USER,
                        "matrix.org:8448", PermissionLevel.USER, "@alice:example.org", PermissionLevel.ADMIN,
                        "@bob", PermissionLevel.ADMIN), SECRET_KEY),
                v.metrics(), v.logging(), v.networks());
        assertEquals(List.of("bridge.permissions.@bob"), keys(ConfigValidator.problems(config)));
    }

    @Test
    void metricsOnTheAppservicePortIsRefusedUnlessDisabled() {
        var v = valid();
        var clash = new PasserelleConfig(v.homeserver(), v.appservice(), v.database(), v.bridge(),
                new MetricsConfig(true, "0.0.0.0", 29317), v.logging(), v.networks());
        assertEquals(List.of("metrics.port"), keys(ConfigValidator.problems(clash)));
        var off = new PasserelleConfig(v.homeserver(), v.appservice(), v.database(), v.bridge(),
                new MetricsConfig(false, "0.0.0.0", 29317), v.logging(), v.networks());
        assertEquals(List.of(), ConfigValidator.problems(off));
    }

    @Test
    void masksShowOnlyAPrefixAndTheLength() {
        assertEquals("abcd…(64 chars)", SecretMask.mask("abcd" + "x".repeat(60)));
        assertEquals("…(5 chars)", SecretMask.mask("short"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
                SecretMask.maskUriPassword("jdbc:postgresql://h/db?user=u&password=pw&ssl=true"));
    }
}

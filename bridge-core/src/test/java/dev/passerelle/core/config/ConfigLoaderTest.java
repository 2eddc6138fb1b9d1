package dev.passerelle.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String MINIMAL = """
            homeserver:
              address: https://matrix.example.org
              domain: example.org
            appservice:
              as_token: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
              hs_token: hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh
            bridge:
              secret_key: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
            """;

    @TempDir
    Path dir;

    private PasserelleConfig load(String yaml, Map<String, String> env) throws IOException {
        var file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(env).load(file);
    }

    @Test
    void omittedKeysTakeTheirDefaults() throws IOException {
        var config = load(MINIMAL, Map.of());
        assertEquals("127.0.0.1", config.appservice().hostname());
        assertEquals(29317, config.appservice().port());
        assertEquals("http://127.0.0.1:29317", config.appservice().address());
        assertEquals("passerelle", config.appservice().id());
        assertEquals("passerelle", config.appservice().botLocalpart());
        assertTrue(config.appservice().ephemeralEvents());
        assertEquals(16L * 1024 * 1024, config.appservice().maxBodyBytes());
        assertEquals(DatabaseConfig.DatabaseType.SQLITE, config.database().type());
        assertEquals("jdbc:sqlite:" + dir.resolve("passerelle.db"), config.database().uri());
        assertEquals(10, config.database().maxPoolSize());
        assertEquals("!pass", config.bridge().commandPrefix());
        assertEquals(Map.of("*", PermissionLevel.RELAY), config.bridge().permissions());
        assertEquals(new MetricsConfig(true, "127.0.0.1", 29318), config.metrics());
        assertEquals(new LoggingConfig("info", ""), config.logging());
        assertEquals(Map.of(), config.networks());
        assertTrue(ConfigValidator.problems(config).isEmpty(), () -> ConfigValidator.problems(config).toString());
    }

    @Test
    void lowerCaseEnumsAndRelativeSqlitePathsAreRead() throws IOException {
        var config = load(MINIMAL + """
                database:
                  type: sqlite
                  uri: jdbc:sqlite:data/bridge.db?foreign_keys=true
                """, Map.of());
        assertEquals("jdbc:sqlite:" + dir.resolve("data/bridge.db") + "?foreign_keys=true", config.database().uri());
        var postgres = load(MINIMAL.replace("bridge:\n", """
                bridge:
                  permissions:
                    "@alice:example.org": admin
                    example.org: user
                """) + "database:\n  type: postgres\n  uri: postgres://u:p@db:5432/passerelle\n", Map.of());
        assertEquals(DatabaseConfig.DatabaseType.POSTGRES, postgres.database().type());
        assertEquals("postgres://u:p@db:5432/passerelle", postgres.database().uri());
        assertEquals(Map.of("@alice:example.org", PermissionLevel.ADMIN, "example.org", PermissionLevel.USER),
                postgres.bridge().permissions());
    }

    @Test
    void environmentOverridesScalarsMapKeysAndWholeMaps() throws IOException {
        var config = load(MINIMAL, Map.of(
                "PASSERELLE_APPSERVICE__PORT", "1234",
                "PASSERELLE_DATABASE__TYPE", "postgres",
                "PASSERELLE_DATABASE__URI", "jdbc:postgresql://db/passerelle?user=p",
                "PASSERELLE_BRIDGE__PERMISSIONS", "{\"*\": relay, \"@bob:example.org\": user}",
                "PASSERELLE_BRIDGE__PERMISSIONS__EXAMPLE.ORG", "admin",
                "PASSERELLE_METRICS__ENABLED", "false",
                "PASSERELLE_NETWORKS__TELEGRAM__API_ID", "12345",
                "PASSERELLE_TEST_PG_URL", "jdbc:postgresql://ignored"));
        assertEquals(1234, config.appservice().port());
        assertEquals("http://127.0.0.1:1234", config.appservice().address());
        assertEquals(DatabaseConfig.DatabaseType.POSTGRES, config.database().type());
        assertEquals("jdbc:postgresql://db/passerelle?user=p", config.database().uri());
        assertEquals(Map.of("*", PermissionLevel.RELAY, "@bob:example.org", PermissionLevel.USER,
                "example.org", PermissionLevel.ADMIN), config.bridge().permissions());
        assertEquals(false, config.metrics().enabled());
        assertEquals("12345", config.networks().get("telegram").get("api_id").asText());
    }

    @Test
    void aVariableNamingAWholeSectionIsReportedNotIgnored() {
        var error = assertThrows(ConfigException.class, () -> load(MINIMAL, Map.of(
                "PASSERELLE_NETWORKS", "{whatsapp: {}}",
                "PASSERELLE_TEST_PG_URL", "jdbc:postgresql://still-ignored")));
        assertEquals(1, error.problems().size(), error.getMessage());
        assertTrue(error.getMessage().contains("PASSERELLE_NETWORKS"), error.getMessage());
        assertTrue(error.getMessage().contains("PASSERELLE_NETWORKS__WHATSAPP='{}'"), error.getMessage());
    }

    @Test
    void badEnvironmentVariablesAreReportedWithTheirNames() {
        var error = assertThrows(ConfigException.class, () -> load(MINIMAL, Map.of(
                "PASSERELLE_APPSERVICE__PROT", "1",
                "PASSERELLE_APPSERVICE__PORT", "many")));
        assertEquals(2, error.problems().size(), error.getMessage());
        assertTrue(error.getMessage().contains("PASSERELLE_APPSERVICE__PROT"), error.getMessage());
        assertTrue(error.getMessage().contains("did you mean 'appservice.port'"), error.getMessage());
        assertTrue(error.getMessage().contains("appservice.port = \"many\": must be a whole number"),
                error.getMessage());
    }

    @Test
    void unknownKeysAndWrongTypesAreAllReportedWithTheNearestKnownKey() {
        var error = assertThrows(ConfigException.class, () -> load(MINIMAL + """
                metrics:
                  enabeld: true
                  port: twelve
                databse:
                  uri: x
                logging:
                  level: [info]
                """, Map.of()));
        var message = error.getMessage();
        assertEquals(4, error.problems().size(), message);
        assertTrue(message.contains("metrics.enabeld: is not a known key; did you mean 'metrics.enabled'?"), message);
        assertTrue(message.contains("databse: is not a known key; did you mean 'database'?"), message);
        assertTrue(message.contains("metrics.port = \"twelve\": must be a whole number"), message);
        assertTrue(message.contains("logging.level: must be a single value"), message);
    }

    @Test
    void misplacedKeyPointsToItsSection() {
        var error = assertThrows(ConfigException.class, () -> load(MINIMAL + "bridge_secret: x\nas_token: y\n",
                Map.of()));
        assertTrue(error.getMessage().contains("as_token: is not a known key; did you mean 'appservice.as_token'?"),
                error.getMessage());
    }

    @Test
    void badEnumValueListsTheAllowedOnes() {
        var error = assertThrows(ConfigException.class, () -> load(MINIMAL.replace("bridge:\n", """
                bridge:
                  permissions:
                    "*": superuser
                """) + "database:\n  type: mysql\n", Map.of()));
        assertTrue(error.getMessage().contains("bridge.permissions.* = \"superuser\": must be one of block, relay, "
                + "user, admin"), error.getMessage());
        assertTrue(error.getMessage().contains("database.type = \"mysql\": must be one of sqlite, postgres"),
                error.getMessage());
    }

    @Test
    void missingFileSaysSoAndHowToCreateOne() {
        var error = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(dir.resolve("nope.yaml")));
        assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
        assertTrue(error.getMessage().contains("generate-config"), error.getMessage());
    }

    @Test
    void yamlSyntaxErrorGivesLineAndColumn() {
        var error = assertThrows(ConfigException.class, () -> load("""
                homeserver:
                  address: http://x
                 domain: [unclosed
                """, Map.of()));
        assertTrue(error.getMessage().contains("is not valid YAML at line 3, column"), error.getMessage());
    }

    @Test
    void networkSectionsAreKeptAsOpaqueTrees() throws IOException {
        var config = load(MINIMAL + """
                networks:
                  telegram:
                    api_id: 42
                    anything_goes:
                      - nested: [1, 2]
                """, Map.of());
        var telegram = config.networks().get("telegram");
        assertEquals(42, telegram.get("api_id").asInt());
        assertEquals(2, telegram.get("anything_goes").get(0).get("nested").get(1).asInt());
    }

    @Test
    void nullValuesMeanTheDefault() throws IOException {
        var config = load(MINIMAL + "logging:\n  level:\n  file:\n", Map.of());
        assertEquals(new LoggingConfig("info", ""), config.logging());
    }

    @Test
    void tokensAreMaskedInStructureProblems() {
        var secret = "s3cr3t-token-that-must-not-leak-anywhere-0123456789";
        var error = assertThrows(ConfigException.class, () -> load(MINIMAL.replace("appservice:\n",
                "appservice:\n  hs_tokn: x\n") + "networks: 5\n", Map.of("PASSERELLE_APPSERVICE__AS_TOKEN__X",
                secret)));
        assertTrue(!error.getMessage().contains(secret), error.getMessage());
    }
}

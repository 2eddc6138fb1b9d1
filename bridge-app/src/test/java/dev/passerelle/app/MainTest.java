package dev.passerelle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.config.ConfigLoader;
import dev.passerelle.core.config.NamespaceClaim;
import dev.passerelle.core.config.Registration;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome execute(Map<String, String> env, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Main.commandLine(env);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static Outcome execute(String... args) {
        return execute(Map.of(), args);
    }

    @Test
    void generatedConfigPassesCheckConfig() {
        var config = dir.resolve("config.yaml").toString();
        var generated = execute("generate-config", "-o", config);
        assertEquals(0, generated.exitCode(), generated.err());
        assertTrue(generated.out().contains("Wrote " + config), generated.out());
        var checked = execute("check-config", "-c", config);
        assertEquals(0, checked.exitCode(), checked.err());
        assertTrue(checked.out().contains("is valid"), checked.out());
    }

    @Test
    void checkConfigShowsDoublePuppetingWithTheSecretMasked() throws IOException {
        var config = dir.resolve("config.yaml");
        assertEquals(0, execute("generate-config", "-o", config.toString()).exitCode());
        String token = "double-puppet-token-0123456789abcdef";
        Files.writeString(config, Files.readString(config).replace("  secrets: {}\n",
                "  secrets: {example.org: \"as_token:" + token + "\"}\n"));
        var checked = execute("check-config", "-c", config.toString());
        assertEquals(0, checked.exitCode(), checked.err());
        assertTrue(checked.out().contains("double puppeting: example.org (as_t…(45 chars))"), checked.out());
        assertFalse(checked.out().contains(token), checked.out());

        Files.writeString(config, Files.readString(config).replace("as_token:" + token, token));
        var refused = execute("check-config", "-c", config.toString());
        assertEquals(3, refused.exitCode());
        assertTrue(refused.err().contains("double_puppet.secrets.example.org"), refused.err());
        assertFalse(refused.err().contains(token), refused.err());
    }

    @Test
    void checkConfigSaysWhenANetworkWasEnabledAfterTheRegistrationWasWritten() throws IOException {
        var config = dir.resolve("config.yaml");
        assertEquals(0, execute("generate-config", "-o", config.toString()).exitCode());
        assertEquals(0, execute("generate-registration", "-c", config.toString()).exitCode());
        var before = execute("check-config", "-c", config.toString());
        assertTrue(before.out().contains("networks:   none enabled"), before.out());
        assertTrue(before.out().contains("matches the config"), before.out());

        // The admin enables a network and forgets the registration: its ghosts are not claimed yet.
        Files.writeString(config, Files.readString(config).replace("  # testnet:", "  testnet: {}"));
        var after = execute("check-config", "-c", config.toString());
        assertEquals(0, after.exitCode(), after.err());
        assertTrue(after.out().contains("networks:   testnet"), after.out());
        assertTrue(after.out().contains("does NOT match the config (url, bot or namespaces of the enabled networks "
                + "differ)"), after.out());
    }

    @Test
    void generateConfigLeavesAnExistingFileAlone() throws IOException {
        var config = dir.resolve("config.yaml");
        Files.writeString(config, "mine");
        var again = execute("--data-dir", dir.toString(), "generate-config");
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("exists already"), again.err());
        assertEquals("mine", Files.readString(config));
        assertEquals(0, execute("generate-config", "-o", config.toString(), "--force").exitCode());
        assertTrue(Files.readString(config).contains("as_token:"));
    }

    @Test
    void brokenConfigExitsThreeAndListsEveryProblem() throws IOException {
        var config = dir.resolve("config.yaml");
        Files.writeString(config, """
                homeserver:
                  address: localhost:8008
                  domain: ""
                appservice:
                  port: 0
                  as_token: tooshortsecret
                database:
                  type: postgres
                  uri: jdbc:sqlite:x.db
                """);
        var checked = execute("check-config", "-c", config.toString());
        assertEquals(3, checked.exitCode());
        var err = checked.err();
        for (var key : List.of("homeserver.address", "homeserver.domain", "appservice.port", "appservice.as_token",
                "appservice.hs_token", "database.uri", "bridge.secret_key")) {
            assertTrue(err.contains("  - " + key), key + " missing from:\n" + err);
        }
        assertTrue(err.startsWith("The config has 7 problems:"), err);
        assertFalse(err.contains("tooshortsecret"), err);
    }

    @Test
    void unknownKeysAndBadYamlAlsoExitThree() throws IOException {
        var config = dir.resolve("config.yaml");
        Files.writeString(config, "homeserver:\n  adress: http://x\n");
        var unknown = execute("check-config", "-c", config.toString());
        assertEquals(3, unknown.exitCode());
        assertTrue(unknown.err().contains("did you mean 'homeserver.address'"), unknown.err());
        Files.writeString(config, "homeserver: [\n");
        var syntax = execute("check-config", "-c", config.toString());
        assertEquals(3, syntax.exitCode());
        assertTrue(syntax.err().contains("line 2"), syntax.err());
    }

    @Test
    void generateRegistrationMatchesTheConfig() throws IOException {
        assertEquals(0, execute("--data-dir", dir.toString(), "generate-config").exitCode());
        var result = execute(Map.of("PASSERELLE_APPSERVICE__ADDRESS", "http://bridge.internal:29317"),
                "--data-dir", dir.toString(), "generate-registration");
        assertEquals(0, result.exitCode(), result.err());
        var config = new ConfigLoader(Map.of("PASSERELLE_APPSERVICE__ADDRESS", "http://bridge.internal:29317"))
                .load(dir.resolve("config.yaml"));
        var registration = Registration.parse(Files.readString(dir.resolve("registration.yaml")));
        assertEquals(config.appservice().asToken(), registration.asToken());
        assertEquals(config.appservice().hsToken(), registration.hsToken());
        assertEquals("http://bridge.internal:29317", registration.url());
        assertEquals(List.of(new NamespaceClaim("@passerelle:example\\.org", true)),
                registration.namespaces().users());
        var checked = execute(Map.of("PASSERELLE_APPSERVICE__ADDRESS", "http://bridge.internal:29317"),
                "check-config", "--data-dir", dir.toString());
        assertTrue(checked.out().contains("matches the config"), checked.out());
        var mismatch = execute("check-config", "--data-dir", dir.toString());
        assertTrue(mismatch.out().contains("does NOT match"), mismatch.out());
    }

    @Test
    void generateRegistrationWritesWhereAsked() {
        var config = dir.resolve("c.yaml").toString();
        assertEquals(0, execute("generate-config", "-o", config).exitCode());
        var target = dir.resolve("out/reg.yaml");
        assertEquals(0, execute("generate-registration", "-c", config, "-o", target.toString()).exitCode());
        assertTrue(Files.isRegularFile(target));
        assertFalse(Files.exists(dir.resolve("registration.yaml")));
    }

    @Test
    void badUsageExitsTwo() {
        var result = execute("generate-config", "--no-such-option");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Unknown option"), result.err());
    }

    @Test
    void helpAndVersionExitZero() {
        var help = execute("--help");
        assertEquals(0, help.exitCode());
        for (var command : List.of("run", "generate-config", "generate-registration", "check-config")) {
            assertTrue(help.out().contains(command), help.out());
        }
        var version = execute("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("Passerelle "), version.out());
    }
}

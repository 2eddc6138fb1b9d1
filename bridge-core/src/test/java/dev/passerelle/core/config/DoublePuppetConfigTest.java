package dev.passerelle.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code double_puppet:} section: off by default, the mautrix {@code as_token:} form, the validator's checks. */
class DoublePuppetConfigTest {

    private static final String AS_TOKEN = "as-token-0123456789-0123456789-0123456789";
    private static final String MINIMAL = """
            homeserver: {address: "http://localhost:8008", domain: example.org}
            appservice:
              as_token: %s
              hs_token: hs-token-0123456789-0123456789-0123456789
            bridge: {secret_key: "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE="}
            """.formatted(AS_TOKEN);

    private static PasserelleConfig parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(yaml, "test.yaml", Path.of("/tmp"));
    }

    private static List<String> problemKeys(PasserelleConfig config) {
        return ConfigValidator.problems(config).stream().map(ConfigProblem::key).toList();
    }

    @Test
    void offWithoutTheSection() {
        PasserelleConfig config = ConfigValidator.validate(parse(MINIMAL));
        assertEquals(Map.of(), config.doublePuppet().secrets());
        assertEquals(Optional.empty(), config.doublePuppet().tokenFor("@alice:example.org"));
    }

    @Test
    void aSecretGivesTheTokenForUsersOfItsServerOnly() {
        PasserelleConfig config = ConfigValidator.validate(parse(MINIMAL
                + "double_puppet: {secrets: {example.org: \"as_token:puppet-token-42\"}}\n"));
        assertEquals(Optional.of("puppet-token-42"), config.doublePuppet().tokenFor("@alice:example.org"));
        assertEquals(Optional.empty(), config.doublePuppet().tokenFor("@bob:other.org"));
        assertEquals(Optional.empty(), config.doublePuppet().tokenFor("not-a-user"));
    }

    @Test
    void anEnvironmentVariableCanSetTheSecrets() {
        PasserelleConfig config = new ConfigLoader(Map.of("PASSERELLE_DOUBLE_PUPPET__SECRETS",
                "{example.org: \"as_token:from-env-token\"}")).parse(MINIMAL, "test.yaml", Path.of("/tmp"));
        assertEquals(Optional.of("from-env-token"), config.doublePuppet().tokenFor("@alice:example.org"));
    }

    @Test
    void badSecretsAreRefusedWithoutShowingThem() {
        PasserelleConfig config = parse(MINIMAL + """
                double_puppet:
                  secrets:
                    example.org: "plain-secret-value-123"
                    "not a server": "as_token:some-token-456"
                    other.org: "as_token:"
                """);
        assertEquals(List.of("double_puppet.secrets.example.org", "double_puppet.secrets.not a server",
                "double_puppet.secrets.other.org"), problemKeys(config));
        String shown = ConfigValidator.problems(config).toString();
        assertFalse(shown.contains("plain-secret-value-123"), shown);
        assertTrue(shown.contains("as_token:<token>"), shown);
    }

    @Test
    void theBridgesOwnTokenIsRefused() {
        PasserelleConfig config = parse(MINIMAL + "double_puppet: {secrets: {example.org: \"as_token:" + AS_TOKEN
                + "\"}}\n");
        assertEquals(List.of("double_puppet.secrets.example.org"), problemKeys(config));
        assertTrue(ConfigValidator.problems(config).getFirst().toString().contains("separate double-puppet"),
                ConfigValidator.problems(config).toString());
    }
}

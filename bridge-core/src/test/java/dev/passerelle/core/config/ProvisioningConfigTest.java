package dev.passerelle.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code provisioning:} section: defaults, old configs without it, and the validator's checks. */
class ProvisioningConfigTest {

    private static final String SECRET = "provisioning-secret-0123456789-0123456789";
    private static final String MINIMAL = """
            homeserver: {address: "http://localhost:8008", domain: example.org}
            appservice:
              as_token: as-token-0123456789-0123456789-0123456789
              hs_token: hs-token-0123456789-0123456789-0123456789
            bridge: {secret_key: "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE="}
            """;

    private static PasserelleConfig parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(yaml, "test.yaml", Path.of("/tmp"));
    }

    @Test
    void aConfigWithoutTheSectionLoadsAndValidatesWithTheApiOff() {
        PasserelleConfig config = ConfigValidator.validate(parse(MINIMAL));
        assertFalse(config.provisioning().enabled());
        assertEquals(ProvisioningConfig.DEFAULT_PREFIX, config.provisioning().prefix());
    }

    @Test
    void theSectionIsOnByDefaultAndNeedsASecret() {
        PasserelleConfig config = parse(MINIMAL + "provisioning: {}\n");
        assertTrue(config.provisioning().enabled());
        List<ConfigProblem> problems = ConfigValidator.problems(config);
        assertEquals(List.of("provisioning.shared_secret"), problems.stream().map(ConfigProblem::key).toList());
        PasserelleConfig withSecret = parse(MINIMAL + "provisioning: {shared_secret: " + SECRET + "}\n");
        assertEquals(List.of(), ConfigValidator.problems(withSecret));
        assertEquals(SECRET, withSecret.provisioning().sharedSecret());
    }

    @Test
    void anEnvironmentVariableCanSetTheSecret() {
        PasserelleConfig config = new ConfigLoader(Map.of("PASSERELLE_PROVISIONING__SHARED_SECRET", SECRET))
                .parse(MINIMAL, "test.yaml", Path.of("/tmp"));
        assertTrue(config.provisioning().enabled());
        assertEquals(SECRET, config.provisioning().sharedSecret());
    }

    @Test
    void aShortSecretIsRefusedMaskedAndABadPrefixIsRefused() {
        PasserelleConfig config = parse(MINIMAL + "provisioning: {shared_secret: short-secret-123, prefix: 'x/'}\n");
        List<ConfigProblem> problems = ConfigValidator.problems(config);
        assertEquals(List.of("provisioning.shared_secret", "provisioning.prefix"),
                problems.stream().map(ConfigProblem::key).toList());
        assertFalse(problems.toString().contains("short-secret-123"), problems.toString());
    }

    @Test
    void theSecretMustNotBeAnAppserviceToken() {
        PasserelleConfig config = parse(MINIMAL + "provisioning: {shared_secret: "
                + "hs-token-0123456789-0123456789-0123456789}\n");
        assertEquals(List.of("provisioning.shared_secret"),
                ConfigValidator.problems(config).stream().map(ConfigProblem::key).toList());
    }

    @Test
    void aDisabledApiNeedsNoSecret() {
        assertEquals(List.of(), ConfigValidator.problems(parse(MINIMAL + "provisioning: {enabled: false}\n")));
    }

    @Test
    void theOldConstructorMeansTheApiOff() {
        assertFalse(ConfigValidatorTest.valid().provisioning().enabled());
    }
}

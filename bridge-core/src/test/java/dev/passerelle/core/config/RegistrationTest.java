package dev.passerelle.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import dev.passerelle.testkit.spec.MatrixSpec;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    private static Registration generate(PasserelleConfig config) {
        return Registration.fromConfig(config,
                List.of(NamespaceClaim.usersWithPrefix("telegram_", "example.org")),
                List.of(NamespaceClaim.aliasesWithPrefix("telegram_", "example.org")));
    }

    @Test
    void generatedYamlValidatesAgainstTheSpecSchema() {
        var schema = MatrixSpec.schemaFile(MatrixSpec.api("application-service", "definitions/registration.yaml"));
        var yaml = generate(ConfigValidatorTest.valid()).toYaml();
        assertEquals(List.of(), MatrixSpec.errors(schema, yaml, InputFormat.YAML));
        // The schema must be able to fail: a namespace without "exclusive" is refused.
        var broken = yaml.replaceFirst("- exclusive: true\n", "- ");
        assertFalse(MatrixSpec.errors(schema, broken, InputFormat.YAML).isEmpty(), broken);
    }

    @Test
    void generatedYamlMeetsSynapsesOwnChecks() throws Exception {
        var node = new YAMLMapper().readTree(generate(ConfigValidatorTest.valid()).toYaml());
        // Synapse (synapse/appservice/__init__.py, config/appservice.py): these are required strings.
        for (var key : List.of("id", "url", "as_token", "hs_token", "sender_localpart")) {
            assertTrue(node.get(key).isTextual(), key + " must be a string");
        }
        for (var kind : List.of("users", "aliases", "rooms")) {
            var list = node.get("namespaces").get(kind);
            assertTrue(list.isArray(), kind);
            for (JsonNode entry : list) {
                assertTrue(entry.get("exclusive").isBoolean(), kind + " exclusive must be a boolean");
                assertTrue(entry.get("regex").isTextual(), kind + " regex must be a string");
                Pattern.compile(entry.get("regex").asText());
            }
        }
        assertFalse(node.get("rate_limited").asBoolean(true));
        assertTrue(node.get("receive_ephemeral").asBoolean());
        assertTrue(node.get("de.sorunome.msc2409.push_ephemeral").asBoolean());
    }

    @Test
    void registrationCarriesTheConfigsTokensAndClaims() {
        var config = ConfigValidatorTest.valid();
        var parsed = Registration.parse(generate(config).toYaml());
        assertEquals(config.appservice().asToken(), parsed.asToken());
        assertEquals(config.appservice().hsToken(), parsed.hsToken());
        assertEquals("http://localhost:29317", parsed.url());
        assertEquals("passerelle", parsed.id());
        assertEquals("passerelle", parsed.senderLocalpart());
        assertEquals(List.of(new NamespaceClaim("@passerelle:example\\.org", true),
                new NamespaceClaim("@telegram_.*:example\\.org", true)), parsed.namespaces().users());
        assertEquals(List.of(new NamespaceClaim("#telegram_.*:example\\.org", true)), parsed.namespaces().aliases());
        assertEquals(List.of(), parsed.namespaces().rooms());
    }

    @Test
    void regexesMatchTheirOwnIdsOnlyBecauseDotsAreEscaped() {
        var bot = Pattern.compile(NamespaceClaim.user("passerelle", "example.org").regex());
        assertTrue(bot.matcher("@passerelle:example.org").matches());
        assertFalse(bot.matcher("@passerelle:exampleXorg").matches());
        var ghosts = Pattern.compile(NamespaceClaim.usersWithPrefix("telegram_", "example.org").regex());
        assertTrue(ghosts.matcher("@telegram_12345:example.org").matches());
        assertFalse(ghosts.matcher("@telegram_12345:example.org.evil").matches());
    }

    @Test
    void ephemeralKeysAreLeftOutWhenEphemeralEventsAreOff() throws Exception {
        var v = ConfigValidatorTest.valid();
        var a = v.appservice();
        var quiet = new PasserelleConfig(v.homeserver(), new AppserviceConfig(a.address(), a.hostname(), a.port(),
                a.id(), a.botLocalpart(), a.botDisplayname(), a.asToken(), a.hsToken(), false, a.maxBodyBytes()),
                v.database(), v.bridge(), v.metrics(), v.logging(), v.networks());
        var node = new YAMLMapper().readTree(Registration.fromConfig(quiet, List.of(), List.of()).toYaml());
        assertFalse(node.has("receive_ephemeral"));
        assertFalse(node.has("de.sorunome.msc2409.push_ephemeral"));
        assertEquals(1, node.get("namespaces").get("users").size());
        assertEquals(0, node.get("namespaces").get("aliases").size());
    }
}

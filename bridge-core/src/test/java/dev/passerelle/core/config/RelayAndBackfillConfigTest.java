package dev.passerelle.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bridge.relay.message_format} and {@code bridge.backfill.limit}: defaults, partial sections, validation. */
class RelayAndBackfillConfigTest {

    private static final String MINIMAL = """
            homeserver: {address: "http://localhost:8008", domain: example.org}
            appservice:
              as_token: as-token-0123456789-0123456789-0123456789
              hs_token: hs-token-0123456789-0123456789-0123456789
            """;
    private static final String KEY = "secret_key: \"MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=\"";

    private static PasserelleConfig parse(String bridge) {
        return new ConfigLoader(Map.of()).parse(MINIMAL + "bridge:\n  " + KEY + "\n" + bridge, "test.yaml",
                Path.of("/tmp"));
    }

    private static List<String> problemKeys(PasserelleConfig config) {
        return ConfigValidator.problems(config).stream().map(ConfigProblem::key).toList();
    }

    @Test
    void defaultsWhenOmitted() {
        PasserelleConfig config = ConfigValidator.validate(parse(""));
        assertEquals(RelaySettings.DEFAULT_FORMAT, config.bridge().relay().messageFormat());
        assertEquals(50, config.bridge().backfill().limit());
    }

    @Test
    void setValuesAreRead() {
        PasserelleConfig config = ConfigValidator.validate(parse("""
                  relay: {message_format: "{message} (from <i>{name}</i>, {mxid})"}
                  backfill: {limit: 0}
                """));
        assertEquals("{message} (from <i>{name}</i>, {mxid})", config.bridge().relay().messageFormat());
        assertEquals(0, config.bridge().backfill().limit());
    }

    @Test
    void anEnvironmentVariableSetsOneKeyAndTheOtherKeepsItsDefault() {
        PasserelleConfig config = new ConfigLoader(Map.of("PASSERELLE_BRIDGE__BACKFILL__LIMIT", "7"))
                .parse(MINIMAL + "bridge:\n  " + KEY + "\n", "test.yaml", Path.of("/tmp"));
        assertEquals(7, config.bridge().backfill().limit());
        assertEquals(RelaySettings.DEFAULT_FORMAT, config.bridge().relay().messageFormat());
    }

    @Test
    void badValuesAreListed() {
        PasserelleConfig config = parse("""
                  relay: {message_format: "{name} says {text}"}
                  backfill: {limit: -1}
                """);
        assertEquals(List.of("bridge.relay.message_format", "bridge.relay.message_format", "bridge.backfill.limit"),
                problemKeys(config));
        String shown = ConfigValidator.problems(config).toString();
        assertTrue(shown.contains("exactly once") && shown.contains("[text]"), shown);
        assertEquals(List.of("bridge.relay.message_format"), problemKeys(parse(
                "  relay: {message_format: \"{message} {message}\"}\n")));
        assertEquals(List.of("bridge.backfill.limit"), problemKeys(parse("  backfill: {limit: 10001}\n")));
    }
}

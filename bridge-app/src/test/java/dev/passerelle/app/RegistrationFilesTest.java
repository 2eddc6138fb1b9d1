package dev.passerelle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.config.ConfigLoader;
import dev.passerelle.core.config.NamespaceClaim;
import dev.passerelle.core.config.PasserelleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationFilesTest {

    @TempDir
    Path dir;

    private PasserelleConfig configWithNetworks(Map<String, JsonNode> networks) throws Exception {
        var commandLine = Main.commandLine(Map.of());
        commandLine.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(0, commandLine.execute("--data-dir", dir.toString(), "generate-config"));
        PasserelleConfig base = new ConfigLoader(Map.of()).load(dir.resolve("config.yaml"));
        return new PasserelleConfig(base.homeserver(), base.appservice(), base.database(), base.bridge(),
                base.metrics(), base.logging(), networks);
    }

    @Test
    void claimsTheBotGhostsAndAliasesOfEachEnabledNetwork() throws Exception {
        var registration = RegistrationFiles.registrationFor(
                configWithNetworks(Map.of("testnet", new ObjectMapper().createObjectNode())));
        assertEquals(List.of(new NamespaceClaim("@passerelle:example\\.org", true),
                new NamespaceClaim("@testnetbot:example\\.org", true),
                new NamespaceClaim("@testnet_.*:example\\.org", true)), registration.namespaces().users());
        assertEquals(List.of(new NamespaceClaim("#testnet_.*:example\\.org", true)),
                registration.namespaces().aliases());
    }

    @Test
    void aNetworkWithoutConnectorIsRefusedWithTheConnectorsFound() throws Exception {
        var config = configWithNetworks(Map.of("signal", new ObjectMapper().createObjectNode()));
        var e = assertThrows(IllegalStateException.class, () -> RegistrationFiles.registrationFor(config));
        // Every connector on the class path is listed.
        assertTrue(e.getMessage().contains("no connector with the id \"signal\""), e.getMessage());
        assertTrue(e.getMessage().contains("(found: ") && e.getMessage().contains("testnet")
                && e.getMessage().contains("messenger") && e.getMessage().contains("telegram"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("config.yaml")));
    }
}

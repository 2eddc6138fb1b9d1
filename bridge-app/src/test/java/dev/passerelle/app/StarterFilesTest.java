package dev.passerelle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.config.ConfigException;
import dev.passerelle.core.config.Registration;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterFilesTest {

    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();
    private final StarterFiles starter = new StarterFiles(Map.of(), new PrintWriter(printed, true));

    @Test
    void firstRunWritesConfigAndRegistrationAndSaysWhatToDo() throws IOException {
        var configFile = dir.resolve("config.yaml");
        var config = starter.prepare(configFile);
        assertTrue(Files.isRegularFile(configFile));
        var registration = Registration.parse(Files.readString(dir.resolve("registration.yaml")));
        assertEquals(config.appservice().asToken(), registration.asToken());
        assertEquals(config.appservice().hsToken(), registration.hsToken());
        assertEquals("jdbc:sqlite:" + dir.resolve("passerelle.db"), config.database().uri());
        var text = printed.toString();
        assertTrue(text.contains(configFile.toAbsolutePath().toString()), text);
        assertTrue(text.contains("homeserver.address and homeserver.domain"), text);
        assertTrue(text.contains("app_service_config_files"), text);
        assertTrue(text.contains("Restart Synapse"), text);
    }

    @Test
    void aSecondRunChangesNothing() throws IOException {
        var configFile = dir.resolve("config.yaml");
        starter.prepare(configFile);
        var configText = Files.readString(configFile);
        var registrationText = Files.readString(dir.resolve("registration.yaml"));
        printed.getBuffer().setLength(0);
        starter.prepare(configFile);
        assertEquals(configText, Files.readString(configFile));
        assertEquals(registrationText, Files.readString(dir.resolve("registration.yaml")));
        assertEquals("", printed.toString());
    }

    @Test
    void aMissingRegistrationIsWrittenForAnExistingConfig() throws IOException {
        var configFile = dir.resolve("config.yaml");
        var config = starter.prepare(configFile);
        Files.delete(dir.resolve("registration.yaml"));
        printed.getBuffer().setLength(0);
        starter.prepare(configFile);
        var registration = Registration.parse(Files.readString(dir.resolve("registration.yaml")));
        assertEquals(config.appservice().hsToken(), registration.hsToken());
        assertTrue(printed.toString().startsWith("Wrote " + dir.resolve("registration.yaml")), printed.toString());
    }

    @Test
    void anInvalidConfigIsRefusedBeforeAnyRegistrationIsWritten() throws IOException {
        var configFile = dir.resolve("config.yaml");
        Files.writeString(configFile, "homeserver:\n  address: http://localhost:8008\n  domain: example.org\n");
        var error = assertThrows(ConfigException.class, () -> starter.prepare(configFile));
        assertTrue(error.getMessage().contains("bridge.secret_key"), error.getMessage());
        assertTrue(!Files.exists(dir.resolve("registration.yaml")));
    }
}

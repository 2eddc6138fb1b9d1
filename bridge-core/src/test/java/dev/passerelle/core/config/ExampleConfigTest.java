package dev.passerelle.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleConfigTest {

    @TempDir
    Path dir;

    @Test
    void theExampleLoadsAndValidatesAsWritten() throws IOException {
        var file = dir.resolve("config.yaml");
        ExampleConfig.write(file, new SecretGenerator());
        var config = ConfigValidator.validate(new ConfigLoader(Map.of()).load(file));
        assertEquals("jdbc:sqlite:" + dir.resolve("passerelle.db"), config.database().uri());
        assertEquals(SecretGenerator.TOKEN_LENGTH, config.appservice().asToken().length());
        assertNotEquals(config.appservice().asToken(), config.appservice().hsToken());
        assertTrue(config.appservice().asToken().matches("[A-Za-z0-9_-]{64}"));
        assertEquals(32, Base64.getDecoder().decode(config.bridge().secretKey()).length);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
    }

    @Test
    void eachExampleHasFreshSecrets() {
        var secrets = new SecretGenerator();
        var first = new ConfigLoader(Map.of()).parse(ExampleConfig.render(secrets), "a", dir);
        var second = new ConfigLoader(Map.of()).parse(ExampleConfig.render(secrets), "b", dir);
        assertNotEquals(first.appservice().asToken(), second.appservice().asToken());
        assertNotEquals(first.bridge().secretKey(), second.bridge().secretKey());
    }

    @Test
    void everyKnownKeyIsWrittenWithACommentAboveIt() {
        var lines = ExampleConfig.render(new SecretGenerator()).lines().toList();
        for (var path : ConfigSchema.knownPaths(ConfigSchema.root(), "")) {
            var leaf = path.substring(path.lastIndexOf('.') + 1);
            int depth = path.split("\\.").length - 1;
            var prefix = "  ".repeat(depth) + leaf + ":";
            int index = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    index = i;
                    break;
                }
            }
            assertTrue(index > 0, "the example does not show " + path);
            assertTrue(lines.get(index - 1).trim().startsWith("#"), "no comment above " + path);
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        var file = dir.resolve("config.yaml");
        Files.writeString(file, "mine");
        assertThrows(FileAlreadyExistsException.class, () -> ExampleConfig.write(file, new SecretGenerator()));
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void networkSectionsAreWrittenOffAndWorkOnceUncommented() {
        var sections = Map.of("telegram", "# Required. From my.telegram.org.\napi_id: 12345\nlimits:\n  files: 3\n");
        var text = ExampleConfig.render(new SecretGenerator(), sections);
        var off = new ConfigLoader(Map.of()).parse(text, "off", dir);
        assertTrue(off.networks() == null || off.networks().isEmpty(), "a written section must start disabled");

        // What the admin does: remove the '#' of the section's name and of its keys (not of its comments).
        var on = text.replace("  # telegram:", "  telegram:").replace("  #   api_id:", "    api_id:")
                .replace("  #   limits:", "    limits:").replace("  #     files:", "      files:");
        var config = new ConfigLoader(Map.of()).parse(on, "on", dir);
        assertEquals(12345, config.networks().get("telegram").path("api_id").asInt());
        assertEquals(3, config.networks().get("telegram").path("limits").path("files").asInt());
    }
}

package dev.passerelle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.passerelle.core.spi.ConnectorException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withoutApiIdAndHashTheErrorSaysWhereToGetThem() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> TelegramConfig.from(JSON.createObjectNode()));
        assertTrue(e.getMessage().contains("networks.telegram.api_id is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("networks.telegram.api_hash is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("https://my.telegram.org"), e.getMessage());
    }

    @Test
    void theExampleSectionNeedsOnlyTheTwoValuesFilledIn() throws Exception {
        String example = new TelegramConnector().exampleConfig();
        ObjectNode section = (ObjectNode) new YAMLMapper().readTree(example);
        ConnectorException e = assertThrows(ConnectorException.class, () -> TelegramConfig.from(section));
        assertTrue(e.getMessage().contains("api_id must be a positive number"), e.getMessage());
        section.put("api_id", 12345).put("api_hash", TelegramBed.API_HASH);
        TelegramConfig config = TelegramConfig.from(section);
        assertEquals(12345, config.apiId());
        assertEquals(Optional.empty(), config.tdjsonPath());
        assertEquals(2, config.logVerbosity());
        assertEquals("Passerelle", config.deviceModel());
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() {
        ObjectNode section = TelegramBed.config().put("api_hash", "not-hex").put("verbosity", 3).put("log_verbosity", 9);
        ConnectorException e = assertThrows(ConnectorException.class, () -> TelegramConfig.from(section));
        assertTrue(e.getMessage().contains("unknown key networks.telegram.verbosity"), e.getMessage());
        assertTrue(e.getMessage().contains("api_hash must be 32 hexadecimal digits"), e.getMessage());
        assertTrue(e.getMessage().contains("log_verbosity must be 0 (fatal) to 5 (verbose), got 9"), e.getMessage());
    }

    @Test
    void theHashIsNeverShown() throws Exception {
        TelegramConfig config = TelegramConfig.from(TelegramBed.config());
        assertFalse(config.toString().contains(TelegramBed.API_HASH), config.toString());
    }

    @Test
    void eachLoginsDatabaseKeyComesFromTheBridgesSecret() {
        java.nio.file.Path dir = java.nio.file.Path.of("data");
        byte[] secret = new byte[32];
        TdDatabase a = TdDatabase.create(dir, secret);
        TdDatabase again = TdDatabase.of(dir, secret, a.id());
        assertEquals(32, a.encryptionKey().length);
        assertTrue(java.util.Arrays.equals(a.encryptionKey(), again.encryptionKey()));
        assertFalse(java.util.Arrays.equals(a.encryptionKey(), TdDatabase.create(dir, secret).encryptionKey()),
                "another login, another key");
        byte[] other = new byte[32];
        other[31] = 1;
        assertFalse(java.util.Arrays.equals(a.encryptionKey(), TdDatabase.of(dir, other, a.id()).encryptionKey()));
        assertEquals(dir.resolve("accounts").resolve(a.id()), a.directory());
        assertThrows(IllegalArgumentException.class, () -> TdDatabase.of(dir, secret, "../../etc"));
    }
}

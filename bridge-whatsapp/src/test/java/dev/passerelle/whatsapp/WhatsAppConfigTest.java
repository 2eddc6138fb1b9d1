package dev.passerelle.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.spi.ConnectorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhatsAppConfigTest {

    private static WhatsAppConfig parse(String json) throws Exception {
        return WhatsAppConfig.from(new ObjectMapper().readTree(json));
    }

    @Test
    void anEmptySectionGivesTheDefaults() throws Exception {
        WhatsAppConfig c = parse("{}");
        assertEquals(Optional.empty(), c.sidecarPath());
        assertEquals("node", c.nodePath());
        assertEquals("warn", c.logLevel());
        assertEquals(Duration.ofMinutes(3), c.qrTimeout());
        assertEquals("node", c.launcher());
    }

    @Test
    void keysAreRead() throws Exception {
        WhatsAppConfig c = parse("{\"sidecar_path\": \"/opt/wa\", \"node_path\": \"/usr/bin/node20\", "
                + "\"log_level\": \"debug\", \"login_timeout_seconds\": 60, \"heartbeat_seconds\": 5}");
        assertEquals(Optional.of(Path.of("/opt/wa")), c.sidecarPath());
        assertEquals("/usr/bin/node20", c.nodePath());
        assertEquals("debug", c.logLevel());
        assertEquals(Duration.ofSeconds(60), c.qrTimeout());
        assertEquals(Duration.ofSeconds(5), c.heartbeat());
    }

    @Test
    void mistakesAreNamed() {
        var unknown = assertThrows(ConnectorException.class, () -> parse("{\"sidecar\": \"x\"}"));
        assertTrue(unknown.getMessage().contains("sidecar") && unknown.getMessage().contains("sidecar_path"),
                unknown.getMessage());
        var level = assertThrows(ConnectorException.class, () -> parse("{\"log_level\": \"loud\"}"));
        assertTrue(level.getMessage().contains("log_level"), level.getMessage());
        var number = assertThrows(ConnectorException.class, () -> parse("{\"heartbeat_seconds\": \"10\"}"));
        assertTrue(number.getMessage().contains("heartbeat_seconds must be a number"), number.getMessage());
    }

    @Test
    void historySyncBoundsAreReadAndCheckedWithTheKeyNamed() throws Exception {
        assertEquals(new HistorySyncBounds(Optional.of(20), Optional.empty()), parse("{}").historySync());
        assertEquals(new HistorySyncBounds(Optional.empty(), Optional.of(Duration.ofDays(7))),
                parse("{\"history_sync\": {\"max_initial_chats\": -1, \"max_age_days\": 7}}").historySync());
        assertEquals(Optional.of(0), parse("{\"history_sync\": {\"max_initial_chats\": 0}}").historySync()
                .maxInitialChats());
        var negative = assertThrows(ConnectorException.class,
                () -> parse("{\"history_sync\": {\"max_initial_chats\": -5}}"));
        assertTrue(negative.getMessage().contains("history_sync.max_initial_chats must be a whole number >= 0, or -1"),
                negative.getMessage());
        var days = assertThrows(ConnectorException.class, () -> parse("{\"history_sync\": {\"max_age_days\": 0}}"));
        assertTrue(days.getMessage().contains("history_sync.max_age_days"), days.getMessage());
        var unknown = assertThrows(ConnectorException.class, () -> parse("{\"history_sync\": {\"max_chats\": 3}}"));
        assertTrue(unknown.getMessage().contains("max_chats") && unknown.getMessage().contains("max_initial_chats"),
                unknown.getMessage());
    }
}

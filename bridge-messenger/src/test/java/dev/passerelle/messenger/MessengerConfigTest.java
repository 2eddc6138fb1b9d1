package dev.passerelle.messenger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.passerelle.core.spi.ConnectorException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessengerConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    private static final String PAGE = """
            pages:
              - page_id: "1000001"
                app_secret: s3cret
                verify_token: verify-token-0123456789
                allowed_users: ["@alice:example.org", staff.example.org]
            """;

    @Test
    void defaultsAndOnePage() throws Exception {
        MessengerConfig config = MessengerConfig.from(yaml(PAGE));
        assertEquals(URI.create("https://graph.facebook.com"), config.graphBaseUrl());
        assertEquals("v23.0", config.graphApiVersion());
        assertFalse(config.humanAgentTag());
        MessengerConfig.PageConfig page = config.pages().get("1000001");
        assertEquals(Optional.empty(), page.accessToken());
        assertEquals(Set.of("@alice:example.org"), page.namedUsers());
        assertTrue(page.allows("@alice:example.org"));
        assertTrue(page.allows("@dan:staff.example.org"));
        assertFalse(page.allows("@bob:example.org"));
        assertFalse(page.toString().contains("s3cret"), "secrets stay out of logs");
    }

    @Test
    void mistakesNameTheKeyAndTheFix() {
        Map<String, String> cases = Map.of(
                "pages: []", "networks.messenger.pages must list at least one Page",
                PAGE + "graph_api_version: 23", "graph_api_version must look like v23.0",
                PAGE + "human_agent: true", "Unknown keys under networks.messenger: [human_agent]",
                PAGE.replace("\"1000001\"", "my-page"), "pages[0].page_id must be the Page's numeric id",
                PAGE.replace("    app_secret: s3cret\n", ""), "pages[0].app_secret is missing",
                PAGE.replace("verify-token-0123456789", "short"), "verify_token must be at least 16 characters",
                PAGE.replace("staff.example.org", "\"@bad\""), "'@bad' is neither a Matrix user id",
                PAGE + PAGE.replace("pages:\n", ""), "lists page 1000001 twice");
        for (var c : cases.entrySet()) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> MessengerConfig.from(yaml(c.getKey())),
                    c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), c.getValue() + " in: " + e.getMessage());
        }
    }
}

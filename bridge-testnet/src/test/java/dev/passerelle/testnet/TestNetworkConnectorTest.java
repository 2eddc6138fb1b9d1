package dev.passerelle.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.ConnectorException;
import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkConnector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TestNetworkConnectorTest {

    @Test
    void serviceLoaderFindsItWithItsDescriptionAndCapabilities() {
        NetworkConnector found = ServiceLoader.load(NetworkConnector.class).stream()
                .map(ServiceLoader.Provider::get).filter(c -> c.id().equals("testnet")).findFirst().orElseThrow();
        assertEquals("Test Network", found.description().displayName());
        assertEquals("testnetbot", found.description().botLocalpart());
        assertEquals("testnet_", found.description().ghostPrefix());
        assertEquals("testnet_", found.description().aliasPrefix());
        NetworkCapabilities caps = found.capabilities();
        assertEquals(EnumSet.allOf(NetworkCapabilities.MessageKind.class), caps.messageKinds());
        assertEquals(50L * 1024 * 1024, caps.maxFileBytes());
        assertEquals(Optional.empty(), caps.editWindow());
        assertEquals(Optional.of(Duration.ofHours(24)), caps.deleteWindow());
        assertEquals(1, caps.maxReactions());
        assertEquals(List.of("qr", "code"), found.loginFlows().stream().map(f -> f.id()).toList());
    }

    @Test
    void configIsReadWithDefaults() throws Exception {
        assertEquals(TestNetworkConfig.defaults(), started("{}").config());
        TestNetworkConfig config = started("{\"qr_rotate_seconds\": 0.5, \"send_delay_ms\": 3}").config();
        assertEquals(Duration.ofMillis(500), config.qrRotate());
        assertEquals(Duration.ofMillis(3), config.sendDelay());
        assertEquals(1, config.maxReactions());
        TestNetworkConnector several = started("{\"max_reactions\": 20}");
        assertEquals(20, several.capabilities().maxReactions());
    }

    @Test
    void badConfigNamesTheKey() {
        ConnectorException unknown = assertThrows(ConnectorException.class, () -> started("{\"qr_rotate\": 1}"));
        assertTrue(unknown.getMessage().contains("qr_rotate"), unknown.getMessage());
        ConnectorException negative = assertThrows(ConnectorException.class, () -> started("{\"send_delay_ms\": -1}"));
        assertTrue(negative.getMessage().contains("networks.testnet.send_delay_ms"), negative.getMessage());
        ConnectorException text = assertThrows(ConnectorException.class,
                () -> started("{\"qr_rotate_seconds\": \"two\"}"));
        assertTrue(text.getMessage().contains("must be a number"), text.getMessage());
        ConnectorException none = assertThrows(ConnectorException.class, () -> started("{\"max_reactions\": 0}"));
        assertTrue(none.getMessage().contains("networks.testnet.max_reactions"), none.getMessage());
    }

    private static TestNetworkConnector started(String json) throws Exception {
        TestNetworkConnector connector = new TestNetworkConnector();
        connector.start(new ConnectorContext(new ObjectMapper().readTree(json), Path.of("target"), new byte[32],
                new SimpleMeterRegistry()));
        return connector;
    }
}

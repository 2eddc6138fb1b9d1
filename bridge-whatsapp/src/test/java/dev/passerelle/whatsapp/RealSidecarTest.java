package dev.passerelle.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.ConnectorException;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.MemoryConnectorStore;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.StoredLogin;
import dev.passerelle.whatsapp.sidecar.SidecarProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real sidecar (Node + Baileys 7.0.0-rc14, installed by the build's {@code npm ci}) offline: this machine cannot
 * reach WhatsApp, which is what a bridge sees when WhatsApp is unreachable.
 */
class RealSidecarTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The sidecar directory of this module (the build runs npm ci there before the tests). */
    static Path sidecarDir() {
        Path dir = Path.of(System.getProperty("passerelle.whatsapp.sidecar", "sidecar")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("baileys"))) {
            throw new AssertionError("The sidecar is not installed at " + dir + ": run the Maven build (it runs "
                    + "npm ci in bridge-whatsapp/sidecar; Node.js 20+ and npm are needed)");
        }
        return dir;
    }

    static ConnectorContext context(MemoryConnectorStore store, String json) throws Exception {
        return new ConnectorContext(JSON.readTree(json), Path.of("target"), new byte[32], new SimpleMeterRegistry(),
                store);
    }

    @Test
    void freshLoginIsReportedAsATransientDisconnectAndSurvivesASigkilledSidecar() throws Exception {
        MemoryConnectorStore store = new MemoryConnectorStore();
        WhatsAppConnector connector = new WhatsAppConnector();
        connector.start(context(store, "{\"sidecar_path\": \"" + sidecarDir() + "\", \"heartbeat_seconds\": 2}"));
        try {
            JsonNode hello = connector.sidecar().hello();
            assertEquals(SidecarProcess.PROTOCOL_VERSION, hello.path("protocol").asInt());
            assertEquals("7.0.0-rc14", hello.path("baileys").asText());

            RecordingSink sink = new RecordingSink();
            NetworkClient client = connector.loadClient(new StoredLogin("33600000001", "@alice:example.org",
                    "+33600000001", new byte[0]), sink);
            client.connect();
            var lost = sink.await(RemoteEvent.LoginStateChanged.class,
                    s -> s.state() == LoginState.TRANSIENT_DISCONNECT);
            assertTrue(lost.message().startsWith("Lost the connection to WhatsApp"), lost.message());
            assertTrue(client.isLoggedIn(), "a network failure does not log out");
            byte[] creds = store.get("33600000001", "creds").orElseThrow();
            assertTrue(new String(creds, StandardCharsets.UTF_8).contains("noiseKey"), "creds kept by the bridge");

            long pid = hello.path("pid").asLong();
            int before = sink.size();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            dev.passerelle.testbed.BridgeBed.until("the sidecar to be restarted", () -> connector.sidecar().restarts() == 1
                    && connector.sidecar().isUp(), () -> "restarts: " + connector.sidecar().restarts());
            assertNotEquals(pid, connector.sidecar().hello().path("pid").asLong());
            // The login opened its session again in the new process, with the same keys.
            int connecting = sink.events().subList(before, sink.size()).size();
            sink.await(RemoteEvent.LoginStateChanged.class, s -> s.state() == LoginState.CONNECTING, before);
            sink.await(RemoteEvent.LoginStateChanged.class, s -> s.state() == LoginState.TRANSIENT_DISCONNECT,
                    before + Math.max(connecting, 1));
            String noiseBefore = JSON.readTree(creds).path("noiseKey").toString();
            String noiseAfter = JSON.readTree(store.get("33600000001", "creds").orElseThrow()).path("noiseKey")
                    .toString();
            assertEquals(noiseBefore, noiseAfter, "the restarted sidecar used the stored keys");
            client.disconnect();
        } finally {
            connector.stop();
        }
    }

    @Test
    void aMissingSidecarIsAClearStartError() throws Exception {
        WhatsAppConnector connector = new WhatsAppConnector();
        var e = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class, () -> connector.start(
                context(new MemoryConnectorStore(), "{\"sidecar_path\": \"/nonexistent/sidecar\"}")));
        assertTrue(e.getMessage().contains("/nonexistent/sidecar") && e.getMessage().contains("sidecar_path"),
                e.getMessage());
    }

    @Test
    void aMissingNodeIsAClearStartError() throws Exception {
        WhatsAppConnector connector = new WhatsAppConnector();
        var e = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class, () -> connector.start(
                context(new MemoryConnectorStore(), "{\"sidecar_path\": \"" + sidecarDir()
                        + "\", \"node_path\": \"/nonexistent/node\"}")));
        assertTrue(e.getMessage().contains("Node.js 20") && e.getMessage().contains("node_path"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}

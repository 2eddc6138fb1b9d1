package dev.passerelle.app.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.config.ProvisioningConfig;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.testbed.BridgeBed;
import dev.passerelle.whatsapp.WhatsAppConnector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance with the real sidecar as the build ships it ({@code target/whatsapp-sidecar/} next to the jar: Node +
 * Baileys 7.0.0-rc14), offline as this machine is: the bridge starts it, a login's failure to reach WhatsApp is a
 * transient disconnect the user sees as such, and a sidecar killed with SIGKILL is restarted and the login recovers.
 */
class WhatsAppDistributionIT {

    private static final String SECRET = "provisioning-secret-for-whatsapp-0123456789";
    private static final String PREFIX = "/_matrix/provision";
    private static final Path SIDECAR = Path.of("target", "whatsapp-sidecar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theShippedSidecarRunsAndSurvivesSigkill() throws Exception {
        assertTrue(Files.isRegularFile(SIDECAR.resolve("src/main.js"))
                && Files.isDirectory(SIDECAR.resolve("node_modules/baileys")), "the build ships the sidecar in "
                + SIDECAR + " with its node_modules");
        try (BridgeBed bed = new BridgeBed(dir, "whatsapp", "whatsappbot", "whatsapp_");
             HttpClient http = HttpClient.newHttpClient()) {
            bed.networkConfig().put("sidecar_path", SIDECAR.toString()).put("heartbeat_seconds", 2);
            bed.start(new ProvisioningConfig(true, SECRET, PREFIX));
            WhatsAppConnector connector = (WhatsAppConnector) bed.connector();
            assertEquals("7.0.0-rc14", connector.sidecar().hello().path("baileys").asText());

            // Linking a new device needs WhatsApp: the user is told it cannot be reached, not left waiting.
            JsonNode start = call(http, bed, "POST", "/v3/login/start/qr");
            assertTrue(start.path("error").asText().contains("Could not reach WhatsApp"), start.toString());

            bed.addLogin(BridgeBed.ALICE, new NewLogin("33600000001", "+33600000001", new byte[0]));
            BridgeBed.until("the login to show a transient disconnect",
                    () -> state(http, bed).equals("TRANSIENT_DISCONNECT"), () -> state(http, bed));

            long pid = connector.sidecar().hello().path("pid").asLong();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            BridgeBed.until("a new sidecar", () -> connector.sidecar().restarts() == 1 && connector.sidecar().isUp(),
                    () -> "restarts " + connector.sidecar().restarts());
            assertTrue(connector.sidecar().hello().path("pid").asLong() != pid);
            // The login opened its session in the new process: it tries again and shows the same state.
            BridgeBed.until("the login to be back in the new sidecar", () -> {
                try {
                    return connector.sidecar().call("ping", BridgeBed.JSON.createObjectNode())
                            .path("sessions").asInt() == 1 && state(http, bed).equals("TRANSIENT_DISCONNECT");
                } catch (Exception e) {
                    return false;
                }
            }, () -> state(http, bed));
        }
    }

    private static String state(HttpClient http, BridgeBed bed) {
        try {
            return call(http, bed, "GET", "/v3/whoami").path("logins").path(0).path("state").path("state_event")
                    .asText();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static JsonNode call(HttpClient http, BridgeBed bed, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bed.bridgeUrl() + PREFIX + path + "?user_id="
                        + URLEncoder.encode(BridgeBed.ALICE, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + SECRET)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return BridgeBed.JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}

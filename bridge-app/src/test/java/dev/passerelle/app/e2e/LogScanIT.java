package dev.passerelle.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.homeserver.FakeHomeserver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full run at {@code logging.level: debug} — start, traffic, SIGKILL and restart, more traffic, refused
 * requests carrying the hs_token in the URL, a clean SIGTERM stop — leaves no token and no secret key in the
 * process output or the log file. The homeserver is in old mode, so the hs_token travels in every transaction URL.
 */
class LogScanIT extends BridgeProcessTest {

    // HTTP/1.1 as homeservers speak it: the JDK client would otherwise try an h2c upgrade on plain http.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void noTokenOrSecretKeyIsWrittenToTheLogs() throws Exception {
        TestBed bed = TestBed.of(BridgeConfig.fakeWithFreshTokens().withOldHomeserverMode(true));
        BridgeConfig config = bed.bridgeConfig().withLogLevel("debug");
        try (FakeHomeserver hs = bed.startFake(vertx); BridgeProcess bridge = new BridgeProcess(dataDir, config)) {
            EchoRooms rooms = EchoRooms.create(hs, 5);
            bridge.start().awaitReady(Duration.ofSeconds(60));
            rooms.send(50);
            rooms.awaitAllEchoed(Duration.ofSeconds(60), bridge);
            refusedRequests(config);

            bridge.kill();
            bridge.start().awaitReady(Duration.ofSeconds(60));
            rooms.send(50);
            rooms.awaitAllEchoed(Duration.ofSeconds(60), bridge);
            int exit = bridge.stop();
            assertEquals(143, exit, "SIGTERM should end the bridge through its shutdown hook\n" + bridge.logTail(20));
            assertTrue(bridge.log().contains("Stopped"), "the bridge should log its clean stop\n"
                    + bridge.logTail(20));

            String output = bridge.log();
            String logFile = bridge.logFile();
            assertTrue(logFile.contains(" DEBUG "), "the log file should hold debug lines, or the scan proves little");
            SecretScan scan = new SecretScan().secret("as_token", config.asToken())
                    .secret("hs_token", config.hsToken()).secret("secret_key", config.secretKey());
            List<String> findings = new ArrayList<>(scan.findings(BridgeProcess.OUTPUT_FILE, output));
            findings.addAll(scan.findings(BridgeConfig.LOG_FILE, logFile));
            assertEquals(List.of(), findings, "secrets in the logs (masked here):\n" + String.join("\n", findings));
            System.out.printf("log scan: %d lines of output and %d lines of log file are free of secrets%n",
                    output.lines().count(), logFile.lines().count());
        }
    }

    /** Requests the bridge refuses, carrying the real hs_token in the URL as old homeservers send it. */
    private static void refusedRequests(BridgeConfig config) throws IOException, InterruptedException {
        String token = "?access_token=" + config.hsToken();
        int unknown = send(HttpRequest.newBuilder(URI.create(config.appserviceUrl() + "/_matrix/app/v1/nowhere"
                + token)).GET());
        assertEquals(404, unknown, "an unknown path");
        int malformed = send(HttpRequest.newBuilder(URI.create(config.appserviceUrl() + "/transactions/broken"
                + token)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"ev")));
        assertEquals(400, malformed, "a truncated transaction");
        int wrongToken = send(HttpRequest.newBuilder(URI.create(config.appserviceUrl()
                + "/_matrix/app/v1/transactions/x")).header("Authorization", "Bearer " + config.asToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(403, wrongToken, "the as_token presented as hs_token");
    }

    private static int send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}

package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.config.ProvisioningConfig;
import dev.passerelle.testnet.TestAccount;
import dev.passerelle.testnet.TestNetwork;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client drives logins through the provisioning API of the real bridge, as an integration manager would with a
 * mautrix bridge: the code flow and the QR flow, then the login works (a chat is bridged), is listed, and is
 * logged out; and the API refuses who it must.
 */
@ParameterizedClass
@EnumSource(EngineBed.Homeserver.class)
class ProvisioningApiTest {

    @Parameter
    EngineBed.Homeserver homeserver;

    private static final String SECRET = "provisioning-secret-for-tests-0123456789";
    private static final String PREFIX = "/_matrix/provision";
    private static final String ALICE = "@alice:example.org";
    private static final String BOB = "@bob:example.org";
    private static final String MALLORY = "@mallory:elsewhere.org";
    private static final String PHONE = "+33600000001";

    @TempDir
    Path dir;
    private EngineBed bed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", PHONE));
        TestNetwork.addAccount(TestAccount.of("bob", "Bob", "+33600000002"));
        bed = new EngineBed(dir, homeserver);
        bed.start(new ProvisioningConfig(true, SECRET, PREFIX));
    }

    @AfterEach
    void stop() {
        bed.close();
        TestNetwork.reset();
    }

    @Test
    void codeFlowLogsInThenChatsAreBridgedThenLogout() {
        Answer whoami = call("GET", "/v3/whoami", ALICE, Optional.empty());
        assertEquals(200, whoami.status(), whoami.body().toString());
        assertEquals("user", whoami.body().path("permission").asText());
        assertEquals("testnet", whoami.body().path("networks").get(0).path("id").asText());
        assertEquals("qr", whoami.body().path("login_flows").get(0).path("id").asText());
        assertEquals(0, whoami.body().path("logins").size());

        Answer phoneStep = call("POST", "/v3/login/start/code", ALICE, Optional.empty());
        assertEquals(200, phoneStep.status(), phoneStep.body().toString());
        assertEquals("user_input", phoneStep.body().path("type").asText());
        JsonNode field = phoneStep.body().path("user_input").path("fields").get(0);
        assertEquals("phone_number", field.path("type").asText());
        String process = phoneStep.body().path("login_id").asText();

        Answer codeStep = call("POST", "/v3/login/step/" + process + "/phone/user_input", ALICE,
                Optional.of("{\"phone\":\"" + PHONE + "\"}"));
        assertEquals(200, codeStep.status(), codeStep.body().toString());
        assertEquals("2fa_code", codeStep.body().path("user_input").path("fields").get(0).path("type").asText());
        String code = TestNetwork.lastCodeFor(PHONE).orElseThrow();

        Answer done = call("POST", "/v3/login/step/" + process + "/code/user_input", ALICE,
                Optional.of("{\"code\":\"" + code + "\"}"));
        assertEquals(200, done.status(), done.body().toString());
        assertEquals("complete", done.body().path("type").asText());
        assertEquals("alice", done.body().path("complete").path("user_login_id").asText());

        Answer logins = call("GET", "/v3/logins", ALICE, Optional.empty());
        assertEquals("alice", logins.body().path("login_ids").get(0).asText(), logins.body().toString());
        assertEquals("testnet", logins.body().path("logins").get(0).path("network").asText());
        assertEquals(0, call("GET", "/v3/logins", BOB, Optional.empty()).body().path("login_ids").size(),
                "Bob sees only his own logins");

        // The login works: Bob's message on the network reaches Alice in a new portal.
        until("the login to connect", () -> TestNetwork.login("alice").isConnected(), () -> "");
        TestNetwork.login("alice").message("bob", "bob", "hi from provisioning");
        bed.awaitMessage("bob", "hi from provisioning");
        until("whoami to show the login connected", () -> call("GET", "/v3/whoami", ALICE, Optional.empty())
                .body().path("logins").path(0).path("state").path("state_event").asText().equals("CONNECTED"),
                () -> call("GET", "/v3/whoami", ALICE, Optional.empty()).body().toString());

        Answer logout = call("POST", "/v3/logout/alice", ALICE, Optional.empty());
        assertEquals(200, logout.status(), logout.body().toString());
        until("the network session to end", () -> !TestNetwork.login("alice").isConnected(), () -> "");
        assertEquals(0, call("GET", "/v3/logins", ALICE, Optional.empty()).body().path("login_ids").size());
        assertEquals(404, call("POST", "/v3/logout/alice", ALICE, Optional.empty()).status());
    }

    @Test
    void qrFlowCompletesWhenThePhoneScansTheCode() {
        Answer shown = call("POST", "/v3/login/start/qr", ALICE, Optional.empty());
        assertEquals(200, shown.status(), shown.body().toString());
        assertEquals("display_and_wait", shown.body().path("type").asText());
        assertEquals("qr", shown.body().path("display_and_wait").path("type").asText());
        String process = shown.body().path("login_id").asText();
        String stepId = shown.body().path("step_id").asText();
        String data = shown.body().path("display_and_wait").path("data").asText();

        // The code rotates every couple of seconds: a client waits for the next one and shows it.
        Answer next = null;
        for (int attempt = 0; attempt < 5 && next == null; attempt++) {
            try {
                TestNetwork.scanQr(data, "alice");
            } catch (IllegalStateException rotated) {
                Answer refreshed = call("POST", "/v3/login/step/" + process + "/" + stepId + "/display_and_wait",
                        ALICE, Optional.empty());
                data = refreshed.body().path("display_and_wait").path("data").asText();
                continue;
            }
            next = call("POST", "/v3/login/step/" + process + "/" + stepId + "/display_and_wait", ALICE,
                    Optional.empty());
        }
        assertTrue(next != null, "the QR code could be scanned");
        assertEquals(200, next.status(), next.body().toString());
        assertEquals("complete", next.body().path("type").asText(), next.body().toString());
        assertEquals("alice", next.body().path("complete").path("user_login_id").asText());
        until("the login to connect", () -> TestNetwork.login("alice").isConnected(), () -> "");
    }

    @Test
    void theApiRefusesWhoItMust() {
        Answer noSecret = send("GET", PREFIX + "/v3/whoami?user_id=" + enc(ALICE), Optional.empty(), Optional.empty());
        assertEquals(401, noSecret.status());
        assertEquals("M_MISSING_TOKEN", noSecret.body().path("errcode").asText());

        Answer wrong = send("GET", PREFIX + "/v3/whoami?user_id=" + enc(ALICE), Optional.of("Bearer " + SECRET + "0"),
                Optional.empty());
        assertEquals(401, wrong.status());
        assertEquals("M_UNKNOWN_TOKEN", wrong.body().path("errcode").asText());
        assertFalse(wrong.body().toString().contains(SECRET));

        Answer noUser = send("GET", PREFIX + "/v3/whoami", Optional.of("Bearer " + SECRET), Optional.empty());
        assertEquals(400, noUser.status());

        // Only example.org may log in; a user of another server is blocked.
        Answer blockedWhoami = call("GET", "/v3/whoami", MALLORY, Optional.empty());
        assertEquals(403, blockedWhoami.status());
        assertEquals("M_FORBIDDEN", blockedWhoami.body().path("errcode").asText());
        Answer blockedLogin = call("POST", "/v3/login/start/code", MALLORY, Optional.empty());
        assertEquals(403, blockedLogin.status());
        assertTrue(blockedLogin.body().path("error").asText().contains("user"), blockedLogin.body().toString());

        // Alice's process is not Bob's to answer or cancel.
        String process = call("POST", "/v3/login/start/code", ALICE, Optional.empty()).body().path("login_id")
                .asText();
        Answer stolen = call("POST", "/v3/login/step/" + process + "/phone/user_input", BOB,
                Optional.of("{\"phone\":\"" + PHONE + "\"}"));
        assertEquals(404, stolen.status());
        assertEquals(404, call("DELETE", "/v3/login/" + process, BOB, Optional.empty()).status());
        assertTrue(TestNetwork.lastCodeFor(PHONE).isEmpty(), "Bob's answer never reached the network");

        // One login per network at a time; cancelling frees the place.
        Answer second = call("POST", "/v3/login/start/code", ALICE, Optional.empty());
        assertEquals(409, second.status());
        assertEquals(process, second.body().path("login_id").asText());
        assertEquals(200, call("DELETE", "/v3/login/" + process, ALICE, Optional.empty()).status());
        assertEquals(200, call("POST", "/v3/login/start/code", ALICE, Optional.empty()).status());

        Answer unknownFlow = call("POST", "/v3/login/start/pigeon", ALICE, Optional.empty());
        assertEquals(404, unknownFlow.status());
    }

    @Test
    void aFailedLoginAnswersTheConnectorsStableCode() {
        String process = call("POST", "/v3/login/start/code", ALICE, Optional.empty()).body().path("login_id")
                .asText();
        Answer failed = call("POST", "/v3/login/step/" + process + "/phone/user_input", ALICE,
                Optional.of("{\"phone\":\"+33699999999\"}"));
        assertEquals(400, failed.status());
        assertEquals("PASSERELLE.TESTNET.UNKNOWN_PHONE", failed.body().path("errcode").asText());
        Answer invalid = call("POST", "/v3/login/start/code", ALICE, Optional.empty());
        String again = invalid.body().path("login_id").asText();
        Answer notAPhone = call("POST", "/v3/login/step/" + again + "/phone/user_input", ALICE,
                Optional.of("{\"phone\":\"hello\"}"));
        assertEquals(400, notAPhone.status());
        assertEquals("M_INVALID_PARAM", notAPhone.body().path("errcode").asText());
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(String method, String path, String userId, Optional<String> body) {
        String sep = path.contains("?") ? "&" : "?";
        return send(method, PREFIX + path + sep + "user_id=" + enc(userId), Optional.of("Bearer " + SECRET), body);
    }

    private Answer send(String method, String pathAndQuery, Optional<String> authorization, Optional<String> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bed.bridgeUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, body.map(HttpRequest.BodyPublishers::ofString)
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        authorization.ifPresent(a -> request.header("Authorization", a));
        body.ifPresent(b -> request.header("Content-Type", "application/json"));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), EngineBed.JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}

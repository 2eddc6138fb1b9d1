package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.ALICE;
import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.config.ProvisioningConfig;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestLogin;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Starting a DM from Matrix: {@code start-chat} in the management room and the provisioning API's
 * {@code create_dm}/{@code resolve_identifier} find the user with the login's client and create the portal on demand
 * (or answer the existing one), which then bridges both ways like any other.
 */
@ParameterizedClass
@EnumSource(EngineBed.Homeserver.class)
class StartChatTest {

    @Parameter
    EngineBed.Homeserver homeserver;

    private static final String SECRET = "provisioning-secret-for-tests-0123456789";
    private static final String BOB_PHONE = "+33600000002";

    @TempDir
    Path dir;
    private EngineBed bed;

    @AfterEach
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void startChatCreatesTheDmPortalOnceAndItBridgesBothWays() throws Exception {
        bed = EngineBed.withAliceLoggedIn(dir, homeserver);
        TestLogin alice = TestNetwork.login("alice");
        String management = bed.managementRoom(ALICE);

        bed.say(ALICE, management, "start-chat " + BOB_PHONE);
        String answer = bed.awaitNotice(management, "Started a chat with Bob");
        String room = bed.portalRoom("bob").orElseThrow();
        assertTrue(answer.contains(room), answer);
        assertEquals("invite", bed.homeserver.state(room, "m.room.member", ALICE).orElseThrow()
                .path("content").path("membership").asText());
        assertTrue(bed.homeserver.state(room, "m.room.member", ALICE).orElseThrow().path("content")
                .path("is_direct").asBoolean(), "the invite is marked is_direct");
        assertTrue(bed.homeserver.members(room, "join").contains("@testnet_bob:example.org"),
                "Bob's ghost is in the room");
        assertEquals("Bob", bed.homeserver.state(room, "m.room.name", "").map(e -> e.path("content")
                .path("name").asText()).orElse(""));

        // Asked again, by phone or username: the same room, Alice invited again.
        bed.say(ALICE, management, "start-chat " + BOB_PHONE);
        bed.awaitNotice(management, "You already have a chat with Bob");
        assertEquals(1, bed.portalRooms("bob"));

        // The portal works both ways.
        bed.homeserver.sendAs(ALICE, room, "m.room.member", java.util.Optional.of(ALICE),
                JSON.createObjectNode().put("membership", "join"));
        bed.say(ALICE, room, "hello Bob");
        until("Alice's message on the network", () -> alice.sent().stream().anyMatch(c ->
                c instanceof SentCall.SendMessage s && s.message().chatId().equals("bob")), () -> alice.sent()
                .toString());
        alice.message("bob", "bob", "hi Alice");
        bed.awaitMessage("bob", "hi Alice");
        assertEquals(1, bed.portalRooms("bob"));
    }

    @Test
    void startChatTakesAPhoneNumberTypedWithSpaces() throws Exception {
        bed = EngineBed.withAliceLoggedIn(dir, homeserver);
        String management = bed.managementRoom(ALICE);

        bed.say(ALICE, management, "start-chat +33 6 00 00 00 02");
        String answer = bed.awaitNotice(management, "Started a chat with Bob");
        assertTrue(answer.contains(bed.portalRoom("bob").orElseThrow()), answer);

        // With the login id first, the rest is the number, spaces and dashes included.
        String aliceLogin = TestNetwork.login("alice").loginId();
        bed.say(ALICE, management, "start-chat " + aliceLogin + " +33 6-00-00-00-02");
        bed.awaitNotice(management, "You already have a chat with Bob");
        assertEquals(1, bed.portalRooms("bob"));
    }

    @Test
    void startChatSaysWhatIsWrong() throws Exception {
        bed = EngineBed.withAliceLoggedIn(dir, homeserver);
        String management = bed.managementRoom(ALICE);

        bed.say(ALICE, management, "start-chat +33699999999");
        bed.awaitNotice(management, "No Test Network user matches '+33699999999'");
        bed.say(ALICE, management, "start-chat");
        bed.awaitNotice(management, "Usage: start-chat [login id] <phone or username>");
        bed.say(ALICE, management, "start-chat nobody " + BOB_PHONE);
        bed.awaitNotice(management, "You have no login nobody");

        TestNetwork.login("alice").disconnectFor(Duration.ofSeconds(30));
        bed.say(ALICE, management, "start-chat " + BOB_PHONE);
        bed.awaitNotice(management, "Test Network could not look up " + BOB_PHONE + ": Not connected");
        assertEquals(0, bed.portalRooms("bob"));
    }

    @Test
    void startChatNeedsALogin() {
        TestNetwork.reset();
        bed = new EngineBed(dir, homeserver);
        bed.start();
        String management = bed.managementRoom(ALICE);
        bed.say(ALICE, management, "start-chat " + BOB_PHONE);
        bed.awaitNotice(management, "You are not logged in to Test Network");
    }

    @Test
    void provisioningResolvesThenCreatesTheDm() throws Exception {
        TestNetwork.reset();
        TestNetwork.addAccount(dev.passerelle.testnet.TestAccount.of("alice", "Alice", EngineBed.ALICE_PHONE));
        TestNetwork.addAccount(dev.passerelle.testnet.TestAccount.of("bob", "Bob", BOB_PHONE)
                .withUsername("bobby"));
        bed = new EngineBed(dir, homeserver);
        bed.start(new ProvisioningConfig(true, SECRET, "/_matrix/provision"));
        bed.login(ALICE, EngineBed.ALICE_PHONE);

        Answer resolved = call("GET", "/v3/resolve_identifier/" + enc("@bobby"));
        assertEquals(200, resolved.status(), resolved.body().toString());
        assertEquals("bob", resolved.body().path("id").asText());
        assertEquals("Bob", resolved.body().path("name").asText());
        assertEquals("@testnet_bob:example.org", resolved.body().path("mxid").asText());
        assertFalse(resolved.body().has("dm_room_mxid"), "no portal yet: " + resolved.body());
        assertEquals(0, bed.portalRooms("bob"), "resolving creates nothing");

        Answer created = call("POST", "/v3/create_dm/" + enc(BOB_PHONE));
        assertEquals(200, created.status(), created.body().toString());
        String room = bed.portalRoom("bob").orElseThrow();
        assertEquals(room, created.body().path("dm_room_mxid").asText());
        assertTrue(created.body().path("just_created").asBoolean());
        assertEquals("invite", bed.homeserver.state(room, "m.room.member", ALICE).orElseThrow()
                .path("content").path("membership").asText());

        Answer again = call("POST", "/v3/create_dm/" + enc("@bobby"));
        assertEquals(200, again.status(), again.body().toString());
        assertEquals(room, again.body().path("dm_room_mxid").asText());
        assertFalse(again.body().path("just_created").asBoolean());
        assertEquals(room, call("GET", "/v3/resolve_identifier/" + enc(BOB_PHONE)).body().path("dm_room_mxid")
                .asText());
        assertEquals(1, bed.portalRooms("bob"));

        Answer spaced = call("GET", "/v3/resolve_identifier/"
                + enc("+33 6 00 00 00 02").replace("+", "%20")); // a space in a path is %20, not +
        assertEquals(200, spaced.status(), spaced.body().toString());
        assertEquals(room, spaced.body().path("dm_room_mxid").asText(), "a number typed with spaces finds Bob");

        Answer unknown = call("POST", "/v3/create_dm/" + enc("+33699999999"));
        assertEquals(404, unknown.status(), unknown.body().toString());
        assertEquals("M_NOT_FOUND", unknown.body().path("errcode").asText());
        assertTrue(unknown.body().path("error").asText().contains("check the phone number"), unknown.body()
                .toString());
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bed.bridgeUrl() + "/_matrix/provision" + path
                        + "?user_id=" + enc(ALICE)))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + SECRET)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

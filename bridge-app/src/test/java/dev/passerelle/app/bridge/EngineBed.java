package dev.passerelle.app.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.Passerelle;
import dev.passerelle.core.config.AppserviceConfig;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.DatabaseConfig;
import dev.passerelle.core.config.HomeserverConfig;
import dev.passerelle.core.config.LoggingConfig;
import dev.passerelle.core.config.MetricsConfig;
import dev.passerelle.core.config.PermissionLevel;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.config.ProvisioningConfig;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import dev.passerelle.testnet.TestAccount;
import dev.passerelle.testnet.TestNetwork;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The real bridge in this JVM with the test network enabled, on an SQLite file, against a fake homeserver whose
 * registration claims the test network's bot and ghosts. Restartable on the same database and homeserver.
 */
final class EngineBed implements AutoCloseable {

    static final String DOMAIN = "example.org";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The first bytes of a PNG: enough for an avatar or an image the tests follow through. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final String ALICE = "@alice:example.org";
    static final String ALICE_PHONE = "+33600000001";
    private static final String AS_TOKEN = "as-token-for-engine-tests-0123456789";
    private static final String HS_TOKEN = "hs-token-for-engine-tests-9876543210";

    private final Path dir;
    private final int bridgePort = freePort();
    private final String secretKey;
    private final Vertx vertx = Vertx.vertx();
    final FakeHomeserver homeserver;
    Passerelle bridge;

    EngineBed(Path dir) {
        this.dir = dir;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secretKey = Base64.getEncoder().encodeToString(key);
        // The registration a homeserver would load: the bridge bot, the test network's bot and its ghosts.
        homeserver = FakeHomeserver.start(vertx, FakeHomeserverOptions.defaults().withTokens(AS_TOKEN, HS_TOKEN)
                .withAppservice("passerelle", "bridgebot", "@(testnetbot|testnet_.*):example\\.org")
                .withBridgeUrl("http://127.0.0.1:" + bridgePort).withPushRoomEvents(false));
    }

    /**
     * The world most engine tests start from: Alice, Bob (with an avatar) and Carol on the test network, the bridge
     * started, and Alice's Matrix account logged in to her network account.
     */
    static EngineBed withAliceLoggedIn(Path dir) throws Exception {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", ALICE_PHONE));
        TestNetwork.addAccount(TestAccount.of("bob", "Bob", "+33600000002").withAvatar(PNG));
        TestNetwork.addAccount(TestAccount.of("carol", "Carol", "+33600000003"));
        EngineBed bed = new EngineBed(dir);
        bed.start();
        bed.login(ALICE, ALICE_PHONE);
        return bed;
    }

    /** Starts (or restarts) the bridge. */
    Passerelle start() {
        return start(ProvisioningConfig.disabled());
    }

    /** Starts (or restarts) the bridge with the provisioning API as given. */
    Passerelle start(ProvisioningConfig provisioning) {
        ObjectNode testnet = JSON.createObjectNode();
        PasserelleConfig config = new PasserelleConfig(new HomeserverConfig(homeserver.url(), DOMAIN),
                new AppserviceConfig("http://127.0.0.1:" + bridgePort, "127.0.0.1", bridgePort, "passerelle",
                        "bridgebot", "Bridge bot", AS_TOKEN, HS_TOKEN, true, 1024 * 1024),
                new DatabaseConfig(DatabaseConfig.DatabaseType.SQLITE, "jdbc:sqlite:" + dir.resolve("bridge.db"), 4),
                // Users of the homeserver may log in; everyone else is blocked.
                new BridgeSettings("!tn", Map.of(DOMAIN, PermissionLevel.USER), secretKey),
                new MetricsConfig(false, "127.0.0.1", 0),
                new LoggingConfig("info", ""),
                Map.<String, JsonNode>of("testnet", testnet), provisioning);
        bridge = Passerelle.start(config, dir, List.of());
        return bridge;
    }

    /** Logs {@code phone}'s account in with the code flow and hands the login to the engine, as the command will. */
    NewLogin login(String userId, String phone) throws Exception {
        NetworkConnector connector = bridge.bridge().networks().get("testnet").connector();
        NewLogin login;
        try (LoginProcess process = connector.startLogin("code", userId)) {
            process.start();
            process.submit(Map.of("phone", phone));
            LoginStep done = process.submit(Map.of("code", TestNetwork.lastCodeFor(phone).orElseThrow()));
            login = ((LoginStep.Complete) done).login();
        }
        bridge.bridge().addLogin("testnet", userId, login);
        String loginId = login.loginId();
        until("login " + loginId + " to connect", () -> TestNetwork.login(loginId).isConnected(), () -> "");
        return login;
    }

    /** The bridge's appservice listener, which also serves the provisioning API. */
    String bridgeUrl() {
        return "http://127.0.0.1:" + bridgePort;
    }

    /** The portal room whose {@code m.bridge} state names this chat; empty when there is none yet. */
    Optional<String> portalRoom(String chatId) {
        String key = "dev.passerelle://testnet/" + chatId;
        return homeserver.rooms().stream().filter(r -> homeserver.state(r, "m.bridge", key).isPresent()).findFirst();
    }

    /** Rooms bridging this chat (to check that there is only one). */
    long portalRooms(String chatId) {
        String key = "dev.passerelle://testnet/" + chatId;
        return homeserver.rooms().stream().filter(r -> homeserver.state(r, "m.bridge", key).isPresent()).count();
    }

    /** Timeline events of {@code type} in the room, oldest first. */
    List<ObjectNode> events(String roomId, String type) {
        return homeserver.timeline(roomId).stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    /** The {@code m.room.message} events whose body is {@code body}. */
    List<ObjectNode> messages(String roomId, String body) {
        return events(roomId, "m.room.message").stream()
                .filter(e -> e.path("content").path("body").asText().equals(body)).toList();
    }

    /** Waits for the portal of {@code chatId} and a message with {@code body} in it; returns the event. */
    ObjectNode awaitMessage(String chatId, String body) {
        until("message '" + body + "' in the portal of " + chatId,
                () -> portalRoom(chatId).map(r -> !messages(r, body).isEmpty()).orElse(false),
                () -> "rooms " + homeserver.rooms());
        return messages(portalRoom(chatId).orElseThrow(), body).getFirst();
    }

    /**
     * Plays a Matrix user: {@code sender} sends the event to {@code roomId} and the homeserver pushes it to the
     * bridge (this bed pushes nothing by itself). Returns the event.
     */
    ObjectNode sendAs(String sender, String roomId, String type, ObjectNode content) {
        ObjectNode event = homeserver.sendAs(sender, roomId, type, Optional.empty(), content);
        push(event);
        return event;
    }

    /** Pushes {@code event} to the bridge in a transaction of its own. */
    void push(ObjectNode event) {
        homeserver.pusher().orElseThrow().enqueue(List.of(event));
    }

    /** Pushes an ephemeral event (typing, receipt) to the bridge. */
    void pushEphemeral(ObjectNode event) {
        homeserver.pusher().orElseThrow().enqueueEphemeral(List.of(event));
    }

    /** Uploads a file to the homeserver's media repository as the appservice bot; returns its mxc URI. */
    String upload(byte[] bytes, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(homeserver.url() + "/_matrix/media/v3/upload"))
                .header("Authorization", "Bearer " + AS_TOKEN).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).path("content_uri").asText();
        }
    }

    static void until(String what, Supplier<Boolean> condition, Supplier<String> state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 15 s for " + what + "; " + state.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the bridge only, keeping the homeserver and the database for a restart. */
    void stopBridge() {
        if (bridge != null) {
            bridge.close();
            bridge = null;
        }
    }

    @Override
    public void close() {
        stopBridge();
        TestNetwork.reset();
        homeserver.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}

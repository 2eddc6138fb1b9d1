package dev.passerelle.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.Passerelle;
import dev.passerelle.core.config.AppserviceConfig;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.DatabaseConfig;
import dev.passerelle.core.config.BackfillSettings;
import dev.passerelle.core.config.DoublePuppetConfig;
import dev.passerelle.core.config.RelaySettings;
import dev.passerelle.core.config.HomeserverConfig;
import dev.passerelle.core.config.LoggingConfig;
import dev.passerelle.core.config.MetricsConfig;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.config.PermissionLevel;
import dev.passerelle.core.config.ProvisioningConfig;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import dev.passerelle.testkit.net.FreePort;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The real bridge in this JVM with one network enabled, on an SQLite file, against a fake homeserver whose
 * registration claims that network's bot and ghosts. Restartable on the same database and homeserver, so a test can
 * stop the bridge, change the world, and start it again.
 *
 * <p>Connector tests extend it with their network's world (see {@code EngineBed} in bridge-app for the test network).
 */
public class BridgeBed implements AutoCloseable {

    public static final String DOMAIN = "example.org";
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The first bytes of a PNG: enough for an avatar or an image the tests follow through. */
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    public static final String ALICE = "@alice:example.org";
    private static final String AS_TOKEN = "as-token-for-engine-tests-0123456789";
    private static final String HS_TOKEN = "hs-token-for-engine-tests-9876543210";

    private final Path dir;
    private final String network;
    private final int bridgePort = FreePort.find();
    private final String secretKey;
    private final Vertx vertx = Vertx.vertx();
    private final ObjectNode networkConfig = JSON.createObjectNode();
    private DoublePuppetConfig doublePuppet = DoublePuppetConfig.none();
    private RelaySettings relay = RelaySettings.defaults();
    /** Users of the homeserver may log in; everyone else is blocked (unless a test says otherwise). */
    private Map<String, PermissionLevel> permissions = Map.of(DOMAIN, PermissionLevel.USER);
    private BackfillSettings backfill = BackfillSettings.defaults();
    public final FakeHomeserver homeserver;
    private Passerelle bridge;

    /**
     * @param network      the connector's id (its config section and the {@code m.bridge} state keys)
     * @param botLocalpart the connector's bot
     * @param ghostPrefix  what its ghosts' localparts start with (e.g. {@code telegram_})
     */
    public BridgeBed(Path dir, String network, String botLocalpart, String ghostPrefix) {
        this(dir, network, botLocalpart, ghostPrefix, UnaryOperator.identity());
    }

    /**
     * A bed whose fake homeserver's options are changed by {@code homeserver} after the bed's own (tokens,
     * registration, bridge URL), e.g. {@code o -> o.withOldHomeserverMode(true)} to run against an old homeserver.
     */
    public BridgeBed(Path dir, String network, String botLocalpart, String ghostPrefix,
                     UnaryOperator<FakeHomeserverOptions> homeserver) {
        this.dir = dir;
        this.network = network;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secretKey = Base64.getEncoder().encodeToString(key);
        // The registration a homeserver would load: the bridge bot, the network's bot and its ghosts.
        String users = "@(" + quote(botLocalpart) + "|" + quote(ghostPrefix) + ".*):" + quote(DOMAIN);
        this.homeserver = FakeHomeserver.start(vertx, homeserver.apply(FakeHomeserverOptions.defaults()
                .withTokens(AS_TOKEN, HS_TOKEN).withAppservice("passerelle", "bridgebot", users)
                .withBridgeUrl(bridgeUrl()).withPushRoomEvents(false)));
    }

    /** The network's config section as the next {@link #start()} will give it; tests put their keys in it. */
    public ObjectNode networkConfig() {
        return networkConfig;
    }

    /** The double puppeting the next {@link #start()} configures (none unless a test sets it). */
    public void doublePuppet(DoublePuppetConfig config) {
        this.doublePuppet = config;
    }

    /** The relay format and backfill the next {@link #start()} configures (the defaults unless a test sets them). */
    public void bridgeOptions(RelaySettings relay, BackfillSettings backfill) {
        this.relay = relay;
        this.backfill = backfill;
    }

    /** The permissions the next {@link #start()} configures (by default: users of the homeserver may log in). */
    public void permissions(Map<String, PermissionLevel> levels) {
        this.permissions = Map.copyOf(levels);
    }

    /** The directory of the bridge's database and data. */
    public Path directory() {
        return dir;
    }

    /** Starts (or restarts) the bridge. */
    public Passerelle start() {
        return start(ProvisioningConfig.disabled());
    }

    /** Starts (or restarts) the bridge with the provisioning API as given. */
    public Passerelle start(ProvisioningConfig provisioning) {
        PasserelleConfig config = new PasserelleConfig(new HomeserverConfig(homeserver.url(), DOMAIN),
                new AppserviceConfig(bridgeUrl(), "127.0.0.1", bridgePort, "passerelle",
                        "bridgebot", "Bridge bot", AS_TOKEN, HS_TOKEN, true, 1024 * 1024),
                new DatabaseConfig(DatabaseConfig.DatabaseType.SQLITE, "jdbc:sqlite:" + dir.resolve("bridge.db"), 4),
                new BridgeSettings("!tn", permissions, secretKey, relay, backfill),
                new MetricsConfig(false, "127.0.0.1", 0),
                new LoggingConfig("info", ""),
                Map.<String, JsonNode>of(network, networkConfig.deepCopy()), provisioning, doublePuppet);
        bridge = Passerelle.start(config, dir, List.of());
        return bridge;
    }

    /** The running bridge. */
    public Passerelle passerelle() {
        if (bridge == null) {
            throw new IllegalStateException("the bridge is not running: call start() first");
        }
        return bridge;
    }

    /** The running connector of this bed's network. */
    public NetworkConnector connector() {
        return passerelle().bridge().networks().get(network).connector();
    }

    /** Hands a completed login to the engine, as the {@code login} command does at its end. */
    public void addLogin(String userId, NewLogin login) {
        passerelle().bridge().addLogin(network, userId, login);
    }

    /** The bridge's appservice listener, which also serves the provisioning API and webhooks. */
    public String bridgeUrl() {
        return "http://127.0.0.1:" + bridgePort;
    }

    /**
     * The portal room whose {@code m.bridge} state names this chat; empty when there is none yet. A room whose
     * bridge state was emptied (a deleted portal) bridges nothing.
     */
    public Optional<String> portalRoom(String chatId) {
        return homeserver.rooms().stream().filter(r -> bridges(r, chatId)).findFirst();
    }

    /** Rooms bridging this chat (to check that there is only one). */
    public long portalRooms(String chatId) {
        return homeserver.rooms().stream().filter(r -> bridges(r, chatId)).count();
    }

    private boolean bridges(String roomId, String chatId) {
        return homeserver.state(roomId, "m.bridge", bridgeStateKey(chatId))
                .filter(e -> !e.path("content").isEmpty()).isPresent();
    }

    private String bridgeStateKey(String chatId) {
        return "dev.passerelle://" + network + "/" + chatId;
    }

    /** Timeline events of {@code type} in the room, oldest first. */
    public List<ObjectNode> events(String roomId, String type) {
        return homeserver.timeline(roomId).stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    /** The {@code m.room.message} events whose body is {@code body}. */
    public List<ObjectNode> messages(String roomId, String body) {
        return events(roomId, "m.room.message").stream()
                .filter(e -> e.path("content").path("body").asText().equals(body)).toList();
    }

    /** Waits for the portal of {@code chatId} and a message with {@code body} in it; returns the event. */
    public ObjectNode awaitMessage(String chatId, String body) {
        until("message '" + body + "' in the portal of " + chatId,
                () -> portalRoom(chatId).map(r -> !messages(r, body).isEmpty()).orElse(false),
                () -> "rooms " + homeserver.rooms());
        return messages(portalRoom(chatId).orElseThrow(), body).getFirst();
    }

    /**
     * Plays a Matrix user: {@code sender} sends the event to {@code roomId} and the homeserver pushes it to the
     * bridge (this bed pushes nothing by itself). Returns the event.
     */
    public ObjectNode sendAs(String sender, String roomId, String type, ObjectNode content) {
        ObjectNode event = homeserver.sendAs(sender, roomId, type, Optional.empty(), content);
        push(event);
        return event;
    }

    /** Pushes {@code event} to the bridge in a transaction of its own. */
    public void push(ObjectNode event) {
        homeserver.pusher().orElseThrow().enqueue(List.of(event));
    }

    /** Pushes an ephemeral event (typing, receipt) to the bridge. */
    public void pushEphemeral(ObjectNode event) {
        homeserver.pusher().orElseThrow().enqueueEphemeral(List.of(event));
    }

    /** Uploads a file to the homeserver's media repository as the appservice bot; returns its mxc URI. */
    public String upload(byte[] bytes, String contentType) throws Exception {
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

    /** Waits up to 15 s for {@code condition}; fails with {@code what} and the {@code state} it ended in. */
    public static void until(String what, Supplier<Boolean> condition, Supplier<String> state) {
        until(what, Duration.ofSeconds(15), condition, state);
    }

    /** Waits up to {@code limit} for {@code condition}; fails with {@code what} and the {@code state} it ended in. */
    public static void until(String what, Duration limit, Supplier<Boolean> condition, Supplier<String> state) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "; " + state.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static String quote(String literal) {
        return literal.replace(".", "\\.");
    }

    /** Closes the bridge only, keeping the homeserver and the database for a restart. */
    public void stopBridge() {
        if (bridge != null) {
            bridge.close();
            bridge = null;
        }
    }

    @Override
    public void close() {
        stopBridge();
        homeserver.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}

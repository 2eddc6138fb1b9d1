package dev.passerelle.core.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.config.AppserviceConfig;
import dev.passerelle.core.config.HomeserverConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bridge's Client-Server API client: one per bridge, shared by every {@link Intent}. All methods block and
 * must be called from a virtual thread (plain or a Vert.x virtual-thread verticle), never from an event loop.
 */
public final class MatrixClient implements AutoCloseable {
    /** Connections to the homeserver at most (HTTP/1.1 keep-alive). */
    static final int CONNECTIONS = 32;
    private final MatrixTransport transport;
    private final WebClient web;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String botUserId;
    private final String serverName;
    private final String appserviceId;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Map<String, Intent> intents = new ConcurrentHashMap<>();
    private final AtomicReference<HomeserverCapabilities> capabilities = new AtomicReference<>();
    private final HttpClient http;
    private final MediaDownloads downloads;
    private final UploadLimit uploadLimit;

    private MatrixClient(Vertx vertx, HomeserverConfig hs, AppserviceConfig as, MeterRegistry meters,
                         RetryPolicy policy) {
        // Every portal sends on its own: Vert.x's default of 5 connections made portals queue for a connection
        // behind each other's homeserver answers (and hit a race in its pool's wait timeout) under load.
        this.web = WebClient.create(vertx, new WebClientOptions().setUserAgent("Passerelle")
                .setFollowRedirects(true), new PoolOptions().setHttp1MaxSize(CONNECTIONS));
        this.transport = new MatrixTransport(vertx, web, hs.address(), as.asToken(), policy, meters, mapper);
        this.http = vertx.createHttpClient(new HttpClientOptions().setMaxRedirects(4));
        this.downloads = new MediaDownloads(vertx, http, hs.address(), as.asToken(), policy, mapper);
        this.uploadLimit = new UploadLimit(this);
        this.serverName = hs.domain();
        this.botUserId = "@" + as.botLocalpart() + ":" + hs.domain();
        this.appserviceId = as.id();
        registered.add(botUserId); // the homeserver creates the sender_localpart user with the registration
    }

    /** A client with the production {@link RetryPolicy#defaults()}. Does not contact the homeserver. */
    public static MatrixClient create(Vertx vertx, HomeserverConfig hs, AppserviceConfig as, MeterRegistry meters) {
        return create(vertx, hs, as, meters, RetryPolicy.defaults());
    }

    /** A client with an explicit retry policy (tests use short delays). Does not contact the homeserver. */
    public static MatrixClient create(Vertx vertx, HomeserverConfig hs, AppserviceConfig as, MeterRegistry meters,
                                      RetryPolicy policy) {
        return new MatrixClient(vertx, hs, as, meters, policy);
    }

    /** The bridge bot ({@code sender_localpart}). */
    public Intent bot() {
        return intent(botUserId);
    }

    /** Acts as this user (a ghost or the bot) by {@code user_id} masquerading. Cheap; intents are cached. */
    public Intent intent(String userId) {
        return intents.computeIfAbsent(userId, u -> new Intent(this, u));
    }

    /**
     * Acts as a real Matrix user with another appservice's token (double puppeting: {@code user_id} masquerading
     * with the token of an appservice whose namespace holds that user). From then on {@link #intent} of that user
     * answers this one, so every part of the bridge acting as them uses it. The user is never registered by the
     * bridge: they exist already.
     */
    public Intent doublePuppet(String userId, String asToken) {
        Intent puppet = new Intent(this, userId, Optional.of(asToken));
        registered.add(userId);
        intents.put(userId, puppet);
        return puppet;
    }

    public String botUserId() {
        return botUserId;
    }

    /** The homeserver's server name, e.g. {@code example.org}. */
    public String serverName() {
        return serverName;
    }

    /**
     * Whether the homeserver answers at all right now: one {@code GET /_matrix/client/versions}, not retried. Tells a
     * homeserver that is down from one request that failed.
     */
    public boolean answers() {
        try {
            transport.send(MatrixRequest.of(HttpMethod.GET, "/_matrix/client/versions")
                    .retry(MatrixRequest.RetryMode.NEVER));
            return true;
        } catch (MatrixException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof InterruptedException) {
                    Thread.currentThread().interrupt(); // the caller's wait must see it
                }
            }
            return false;
        }
    }

    /**
     * {@code GET /_matrix/client/versions}, fetched on first use and then remembered for the life of the client
     * (a homeserver upgrade is picked up at the bridge's next start).
     */
    public HomeserverCapabilities serverInfo() {
        HomeserverCapabilities known = capabilities.get();
        if (known != null) {
            return known;
        }
        ObjectNode body = transport.send(MatrixRequest.of(HttpMethod.GET, "/_matrix/client/versions")).json(mapper);
        List<String> versions = new ArrayList<>();
        body.path("versions").forEach(v -> versions.add(v.asText()));
        Map<String, Boolean> unstable = new HashMap<>();
        body.path("unstable_features").properties().forEach(e -> unstable.put(e.getKey(), e.getValue().asBoolean()));
        HomeserverCapabilities caps = new HomeserverCapabilities(versions, unstable);
        capabilities.compareAndSet(null, caps);
        return capabilities.get();
    }

    /**
     * Checks at start-up that the bridge and the homeserver trust each other: versions, {@code whoami} as the bot,
     * then (Matrix 1.7+) asks the homeserver to ping the bridge back.
     *
     * @throws MatrixException.TokenRejected when the as_token is refused
     * @throws MatrixException.Unreachable   when the homeserver cannot be reached
     */
    public ConnectionCheck checkConnection() {
        HomeserverCapabilities caps = serverInfo();
        String whoami = bot().whoami();
        ConnectionCheck.PingResult ping = new ConnectionCheck.PingResult.NotSupported();
        if (caps.supportsAppservicePing()) {
            ObjectNode body = mapper.createObjectNode()
                    .put("transaction_id", "passerelle-ping-" + System.currentTimeMillis());
            try {
                JsonNode answer = send(MatrixRequest.of(HttpMethod.POST,
                        "/_matrix/client/v1/appservice/{appserviceId}/ping", appserviceId)
                        .json(body).retry(MatrixRequest.RetryMode.NEVER)).json(mapper);
                ping = new ConnectionCheck.PingResult.Reached(answer.path("duration_ms").asLong());
            } catch (MatrixException.TokenRejected | MatrixException.Unreachable e) {
                throw e;
            } catch (MatrixException e) {
                ping = e.status() == 404 || e.errcode().equals("M_UNRECOGNIZED")
                        ? new ConnectionCheck.PingResult.NotSupported()
                        : new ConnectionCheck.PingResult.Failed(e.errcode(), e.error());
            }
        }
        return new ConnectionCheck(caps, whoami, ping);
    }

    /**
     * The homeserver's upload limit ({@code m.upload.size} of the media config), fetched on first use and then
     * remembered for an hour; empty when the homeserver states none or does not answer (then its refusal of a too
     * large upload is what tells).
     */
    public Optional<Long> uploadLimit() {
        return uploadLimit.get();
    }

    @Override
    public void close() {
        web.close();
        http.close();
    }

    // ---- used by Intent ----

    MatrixResponse send(MatrixRequest request) {
        return transport.send(request);
    }

    MatrixResponse sendFile(MatrixRequest request, java.nio.file.Path file, long size) {
        return transport.sendFile(request, file, size);
    }

    DownloadedMedia download(MatrixRequest request, long maxBytes, long memoryThreshold, java.nio.file.Path tempDir) {
        return downloads.download(request, maxBytes, memoryThreshold, tempDir);
    }

    MatrixResponse send(MatrixRequest request, Optional<String> token) {
        return transport.send(request, token);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    boolean isRegistered(String userId) {
        return registered.contains(userId);
    }

    void markRegistered(String userId) {
        registered.add(userId);
    }

    Optional<HomeserverCapabilities> knownCapabilities() {
        return Optional.ofNullable(capabilities.get());
    }
}

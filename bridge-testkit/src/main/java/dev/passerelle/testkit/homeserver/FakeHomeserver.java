package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory Matrix homeserver for tests, on a random loopback port: the Client-Server calls a bridge makes
 * (registration, rooms, membership, sends, state, redactions, receipts, typing, presence, profiles, aliases,
 * media, the appservice ping), the as_token and {@code user_id} masquerade checks, a record of every call, fault
 * injection, and a {@link TransactionPusher} that pushes events to the bridge. Blocking methods must not be
 * called from a Vert.x event-loop thread.
 */
public final class FakeHomeserver implements AutoCloseable {
    private final Vertx vertx;
    private final FakeHomeserverOptions options;
    private final CallLog calls = new CallLog();
    private final FaultPlan faults = new FaultPlan();
    private final HomeserverTuning tuning = new HomeserverTuning();
    private final WebClient client;
    private final Optional<TransactionPusher> pusher;
    private final FakeWorld world;
    private final Routes routes = new Routes();
    private volatile int port;
    private volatile Optional<String> deploymentId = Optional.empty();

    private FakeHomeserver(Vertx vertx, FakeHomeserverOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.client = WebClient.create(vertx);
        this.pusher = options.bridgeUrl().map(url -> new TransactionPusher(options, url, client));
        this.world = new FakeWorld(options, event -> {
            if (options.pushRoomEvents()) {
                pusher.ifPresent(p -> p.enqueue(List.of(event)));
            }
        });
        new AccountEndpoints(world, options).register(routes);
        new RoomEndpoints(world, options).register(routes);
        new MediaEndpoints(world, options, tuning).register(routes);
        new AppservicePing(options, client).register(routes);
        this.port = options.port();
    }

    /** Starts a fake homeserver and waits until it listens. Blocks; call from a test or virtual thread. */
    public static FakeHomeserver start(Vertx vertx, FakeHomeserverOptions options) {
        FakeHomeserver hs = new FakeHomeserver(vertx, options);
        hs.listen();
        return hs;
    }

    private synchronized void listen() {
        FakeHomeserverVerticle verticle = new FakeHomeserverVerticle(options, routes, faults, calls, world, tuning,
                port);
        deploymentId = Optional.of(vertx.deployVerticle(verticle,
                new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)).await());
        port = verticle.actualPort();
    }

    /** Base URL for the bridge's {@code homeserver.address}, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public FakeHomeserverOptions options() {
        return options;
    }

    /** Stops listening (an outage): connections are refused until {@link #restart()}. Rooms and users stay. */
    public synchronized void stop() {
        deploymentId.ifPresent(id -> vertx.undeploy(id).await());
        deploymentId = Optional.empty();
    }

    /** Listens again on the same port after {@link #stop()}. */
    public synchronized void restart() {
        if (deploymentId.isEmpty()) {
            listen();
        }
    }

    /** Stops the server and the pusher. */
    @Override
    public synchronized void close() {
        pusher.ifPresent(TransactionPusher::stop);
        stop();
        client.close();
    }

    // ---- recording ----

    /** The log of every request received. */
    public CallLog calls() {
        return calls;
    }

    /**
     * Forgets every recorded call and every room's timeline; rooms, their current state, users and media stay. For a
     * long load run: kept, they grow without bound, and collecting them stalls this process for tens of
     * milliseconds, which a latency measurement would take for the bridge's.
     */
    public void forgetHistory() {
        calls.clear();
        world.forgetTimelines();
    }

    /** Calls with this method whose decoded path contains {@code pathPart}. */
    public List<RecordedCall> callsTo(String method, String pathPart) {
        return calls.to(method, pathPart);
    }

    // ---- faults ----

    /** Answers the next {@code n} matching requests with this error (and {@code retry_after_ms} when given). */
    public void failNext(int n, RequestMatcher matcher, int status, String errcode, Optional<Long> retryAfterMs) {
        faults.arm(n, matcher, new Fault.Fail(status, errcode, retryAfterMs));
    }

    /** Delays the next {@code n} matching requests, then handles them normally. */
    public void delayNext(int n, RequestMatcher matcher, Duration delay) {
        faults.arm(n, matcher, new Fault.Delay(delay));
    }

    /** Closes the connection of the next {@code n} matching requests without answering. */
    public void dropNext(int n, RequestMatcher matcher) {
        faults.arm(n, matcher, new Fault.Drop());
    }

    /** Disarms every fault not yet used. */
    public void clearFaults() {
        faults.clear();
    }

    // ---- tuning ----

    /**
     * Answers every request only after {@code delay} (on top of any armed fault), as a homeserver that takes that
     * long to do its work; {@link Duration#ZERO} (the default) answers at once.
     */
    public void answerEveryRequestAfter(Duration delay) {
        tuning.answerDelay(delay);
    }

    /**
     * Limits uploads to {@code maxBytes}: the media config advertises it as {@code m.upload.size} and a larger upload
     * is answered 413 {@code M_TOO_LARGE}. Empty (the default): no limit, and the config advertises none.
     */
    public void limitUploads(Optional<Long> maxBytes) {
        tuning.maxUploadBytes(maxBytes);
    }

    /**
     * Tells {@code listener} of every request as it arrives (on the server's thread, before faults and delays; keep
     * it quick). Replaces the previous listener.
     */
    public void onArrival(java.util.function.Consumer<Arrival> listener) {
        tuning.arrivals(listener);
    }

    // ---- state, for assertions and for playing a real Matrix user ----

    /** The room's timeline, oldest first (copies). Unknown room: an {@link IllegalStateException}. */
    public List<ObjectNode> timeline(String roomId) {
        return unwrap(() -> world.timeline(roomId));
    }

    /** The room's current state event of this type and key; empty when not set. */
    public Optional<ObjectNode> state(String roomId, String type, String stateKey) {
        return unwrap(() -> world.state(roomId, type, stateKey));
    }

    /** User ids with this membership ({@code join}, {@code invite}, {@code leave}) in the room. */
    public List<String> members(String roomId, String membership) {
        return unwrap(() -> world.members(roomId, membership));
    }

    /** Every room id, in no particular order. */
    public List<String> rooms() {
        return world.roomIds();
    }

    public boolean isRegistered(String userId) {
        return world.isRegistered(userId);
    }

    /** The user's profile ({@code displayname}, {@code avatar_url}); empty object when never set. */
    public ObjectNode profile(String userId) {
        return unwrap(() -> world.profile(userId));
    }

    /** The presence last set for the user; empty when never set. */
    public Optional<String> presence(String userId) {
        return world.presence(userId);
    }

    /** An uploaded file by its mxc URI; empty when unknown. */
    public Optional<StoredMedia> media(String mxc) {
        String rest = mxc.startsWith("mxc://") ? mxc.substring(6) : "";
        int slash = rest.indexOf('/');
        return slash < 0 ? Optional.empty() : world.media(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /**
     * Registers a second appservice, as a double-puppeting setup does: its {@code token} may act as any registered
     * local user with {@code ?user_id=} (a non-exclusive {@code @.*:server} namespace), but owns no one.
     */
    public void addDoublePuppetAppservice(String token) {
        world.addPuppetToken(token);
    }

    /** Registers a local user (a "real" Matrix user such as {@code @alice:example.org}) without the appservice. */
    public void registerUser(String userId) {
        world.register(userId);
    }

    /**
     * Plays a real user: appends an event sent by {@code sender} (registered automatically) to the room, as if
     * from their client, and pushes it to the bridge when the room interests the appservice.
     *
     * @return the new event
     */
    public ObjectNode sendAs(String sender, String roomId, String type, Optional<String> stateKey,
                             ObjectNode content) {
        world.register(sender);
        return unwrap(() -> world.append(world.existingRoom(roomId), sender, type, stateKey, content,
                Optional.empty()).deepCopy());
    }

    /** The pusher; empty when no bridge URL was configured. */
    public Optional<TransactionPusher> pusher() {
        return pusher;
    }

    private static <T> T unwrap(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (MatrixError e) {
            throw new IllegalStateException(e.errcode + ": " + e.getMessage(), e);
        }
    }
}

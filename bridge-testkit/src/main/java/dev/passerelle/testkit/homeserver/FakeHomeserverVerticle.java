package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The fake's HTTP server, deployed as a virtual-thread verticle so that handlers read top to bottom. Per request:
 * record it, apply an armed fault, route, authenticate, handle, answer.
 */
final class FakeHomeserverVerticle extends VerticleBase {
    private final FakeHomeserverOptions options;
    private final Routes routes;
    private final FaultPlan faults;
    private final CallLog log;
    private final FakeWorld world;
    private final HomeserverTuning tuning;
    private final int port;
    private volatile HttpServer server;

    FakeHomeserverVerticle(FakeHomeserverOptions options, Routes routes, FaultPlan faults, CallLog log,
                           FakeWorld world, HomeserverTuning tuning, int port) {
        this.options = options;
        this.routes = routes;
        this.faults = faults;
        this.log = log;
        this.world = world;
        this.tuning = tuning;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        // map, not onSuccess: the server must be known before the deployment counts as done.
        return vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1")
                .map(s -> server = s);
    }

    int actualPort() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        byte[] raw = request.body().await().getBytes();
        Exchange ex = new Exchange(request, raw);
        ex.recorder = () -> record(ex);
        tuning.arrivals().accept(new Arrival(ex.method, ex.decodedPath, ex.json, System.nanoTime()));
        try {
            Optional<Fault> fault = faults.take(ex.method, ex.decodedPath);
            if (fault.isPresent()) {
                switch (fault.get()) {
                    case Fault.Drop d -> {
                        record(ex);
                        request.connection().close();
                        return;
                    }
                    case Fault.Fail f -> {
                        ex.error(f.status(), f.errcode(), "Injected failure", f.retryAfterMs());
                        return;
                    }
                    case Fault.Delay d -> vertx.timer(d.delay().toMillis(), TimeUnit.MILLISECONDS).await();
                }
            }
            long answerDelay = tuning.answerDelay().toNanos();
            if (answerDelay > 0) {
                vertx.timer(answerDelay, TimeUnit.NANOSECONDS).await();
            }
            var match = routes.find(ex.method, ex.segments)
                    .orElseThrow(() -> new MatrixError(404, "M_UNRECOGNIZED", "Unrecognized request"));
            ex.params = match.params();
            authenticate(ex, match.route().auth());
            match.route().endpoint().handle(ex);
        } catch (MatrixError e) {
            ex.error(e.status, e.errcode, e.getMessage(), Optional.empty());
        } catch (RuntimeException e) {
            ex.error(500, "M_UNKNOWN", "Internal server error: " + e, Optional.empty());
        }
    }

    private void authenticate(Exchange ex, Routes.Auth auth) {
        if (auth == Routes.Auth.NONE) {
            return;
        }
        String header = ex.request.getHeader("Authorization");
        Optional<String> token = header != null && header.startsWith("Bearer ")
                ? Optional.of(header.substring("Bearer ".length()))
                : ex.query("access_token");
        if (token.isEmpty()) {
            throw new MatrixError(401, "M_MISSING_TOKEN", "Missing access token.");
        }
        if (world.isPuppetToken(token.get())) {
            String puppet = ex.query("user_id").orElseThrow(() -> MatrixError.forbidden(
                    "This appservice has no sender of its own here; name the user with ?user_id="));
            if (!puppet.endsWith(":" + options.serverName()) || !world.isRegistered(puppet)) {
                throw MatrixError.forbidden("Application service cannot masquerade as this user (" + puppet + ").");
            }
            ex.user = Optional.of(puppet);
            return;
        }
        if (!MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8),
                options.asToken().getBytes(StandardCharsets.UTF_8))) {
            throw new MatrixError(401, "M_UNKNOWN_TOKEN", "Unrecognised access token.");
        }
        String user = ex.query("user_id").orElse(options.botUserId());
        if (auth == Routes.Auth.TOKEN) {
            ex.user = Optional.of(options.botUserId());
            return;
        }
        if (!options.ownsUser(user)) {
            throw new MatrixError(403, "M_EXCLUSIVE", "Application service cannot masquerade as this user ("
                    + user + ").");
        }
        if (!world.isRegistered(user)) {
            throw MatrixError.forbidden("Application service has not registered this user (" + user + ")");
        }
        ex.user = Optional.of(user);
    }

    private void record(Exchange ex) {
        Map<String, List<String>> query = new HashMap<>();
        ex.request.params().names().forEach(n -> query.put(n, List.copyOf(ex.request.params().getAll(n))));
        Optional<JsonNode> body = ex.json;
        log.add(new RecordedCall(ex.method, ex.request.path(), Map.copyOf(query), ex.user, body, ex.status,
                ex.errcode));
    }

}

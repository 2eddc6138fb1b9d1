package dev.passerelle.core.matrix;

import dev.passerelle.core.config.AppserviceConfig;
import dev.passerelle.core.config.HomeserverConfig;
import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** A fake homeserver and a client pointed at it, with fast retries; every client call runs on a virtual thread. */
final class MatrixClientFixture implements AutoCloseable {
    static final String GHOST = "@test_alice:example.org";
    static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(2000),
            Duration.ofSeconds(5));

    final Vertx vertx;
    final FakeHomeserver hs;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final MatrixClient client;

    MatrixClientFixture(Vertx vertx, FakeHomeserverOptions options) {
        this(vertx, options, options.asToken());
    }

    MatrixClientFixture(Vertx vertx, FakeHomeserverOptions options, String clientAsToken) {
        this.vertx = vertx;
        this.hs = FakeHomeserver.start(vertx, options);
        this.client = MatrixClient.create(vertx, new HomeserverConfig(hs.url(), options.serverName()),
                appservice(options, clientAsToken), meters, FAST);
    }

    static AppserviceConfig appservice(FakeHomeserverOptions o, String asToken) {
        return new AppserviceConfig("http://127.0.0.1:29300", "127.0.0.1", 29300, o.appserviceId(),
                o.botLocalpart(), "Bridge bot", asToken, o.hsToken(), true, 1 << 20);
    }

    /** Runs the call on a fresh virtual thread (as the bridge does) and returns its result or rethrows. */
    static <T> T vt(Callable<T> call) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                result.set(call.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        try {
            t.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (t.isAlive()) {
            throw new AssertionError("call did not finish within 30 s");
        }
        if (failure.get() instanceof RuntimeException re) {
            throw re;
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return result.get();
    }

    static void vtRun(Runnable r) {
        vt(() -> {
            r.run();
            return null;
        });
    }

    /** A room created by the bot with the ghost joined. */
    String roomWithGhost() {
        return vt(() -> {
            String room = client.bot().createRoom(CreateRoomRequest.empty().withName("Portal")
                    .withInvites(java.util.List.of(GHOST), false));
            client.intent(GHOST).join(room);
            return room;
        });
    }

    @Override
    public void close() {
        client.close();
        hs.close();
    }
}

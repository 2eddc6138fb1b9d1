package dev.passerelle.core.command;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.config.AppserviceConfig;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.HomeserverConfig;
import dev.passerelle.core.config.PermissionLevel;
import dev.passerelle.core.intake.InboundEvent;
import dev.passerelle.core.matrix.CreateRoomRequest;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.RetryPolicy;
import dev.passerelle.core.store.BridgeUserStore;
import dev.passerelle.core.store.Database;
import dev.passerelle.core.store.KvStore;
import dev.passerelle.core.store.TestStores;
import dev.passerelle.testkit.db.TestDatabases;
import dev.passerelle.testkit.homeserver.Events;
import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A fake homeserver, a SQLite store and the handler under test, plus a few Matrix users to play: {@link #ALICE}
 * ({@code user}), {@link #RELAYER} ({@code relay}) and {@link #MALLORY} ({@code block}).
 */
final class CommandFixture implements AutoCloseable {
    static final String ALICE = "@alice:example.org";
    static final String RELAYER = "@relayer:other.example";
    static final String MALLORY = "@mallory:example.org";
    static final String BOT = ScriptedConnector.BOT;

    final Vertx vertx = Vertx.vertx();
    final FakeHomeserver hs = FakeHomeserver.start(vertx, FakeHomeserverOptions.defaults());
    final MatrixClient matrix;
    final Database database = TestStores.open(TestDatabases.sqlite());
    final FakeCommandTarget target = new FakeCommandTarget();
    final ManagementRooms rooms = new ManagementRooms(new KvStore(database), new BridgeUserStore(database),
            Clock.systemUTC());
    final ManagementRoomHandler handler;
    private final AtomicLong seq = new AtomicLong();

    CommandFixture(Duration loginTimeout) {
        FakeHomeserverOptions o = hs.options();
        matrix = MatrixClient.create(vertx, new HomeserverConfig(hs.url(), o.serverName()),
                new AppserviceConfig("http://127.0.0.1:29300", "127.0.0.1", 29300, o.appserviceId(), o.botLocalpart(),
                        "Bridge bot", o.asToken(), o.hsToken(), true, 1 << 20),
                new SimpleMeterRegistry(), new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100),
                        Duration.ofSeconds(5)));
        BridgeSettings settings = new BridgeSettings("!pass", Map.of("example.org", PermissionLevel.USER,
                "*", PermissionLevel.RELAY, MALLORY, PermissionLevel.BLOCK), "unused-in-these-tests");
        handler = new ManagementRoomHandler(settings, matrix, target, rooms, loginTimeout);
    }

    CommandFixture() {
        this(Duration.ofMinutes(5));
    }

    /** A room made by the appservice bot with {@code user} joined: a stand-in for a room the user created. */
    String roomOf(String user) {
        String room = onVirtualThread(() -> matrix.bot().createRoom(CreateRoomRequest.empty()
                .withInvites(List.of(user), false)));
        hs.sendAs(user, room, "m.room.member", Optional.of(user), JsonNodeFactory.instance.objectNode()
                .put("membership", "join"));
        return room;
    }

    /** {@code user} invites the network bot to a new room and the handler sees the invite. */
    String invitedRoom(String user, boolean direct) {
        String room = roomOf(user);
        ObjectNode invite = hs.sendAs(user, room, "m.room.member", Optional.of(BOT),
                JsonNodeFactory.instance.objectNode().put("membership", "invite").put("is_direct", direct));
        deliver(invite);
        return room;
    }

    /** {@code user} sends a text message and the handler sees it; returns the message's event id. */
    String say(String user, String room, String text) {
        ObjectNode event = hs.sendAs(user, room, "m.room.message", Optional.empty(), Events.textContent(text));
        deliver(event);
        return event.get("event_id").asText();
    }

    void deliver(ObjectNode e) {
        InboundEvent event = new InboundEvent(seq.incrementAndGet(), 0, e.path("room_id").asText(),
                e.path("event_id").asText(), e.path("sender").asText(), e.path("type").asText(),
                Optional.ofNullable(e.get("state_key")).map(n -> n.asText()), e, false);
        onVirtualThread(() -> {
            handler.handle(event);
            return null;
        });
    }

    /** The bot's events in the room, oldest first. */
    List<ObjectNode> botEvents(String room) {
        return hs.timeline(room).stream().filter(e -> e.path("sender").asText().equals(BOT)
                && e.path("type").asText().equals("m.room.message")).toList();
    }

    /** The bot's notices in the room, as their plain bodies. */
    List<String> notices(String room) {
        return botEvents(room).stream().filter(e -> e.path("content").path("msgtype").asText().equals("m.notice"))
                .map(e -> e.path("content").path("body").asText()).toList();
    }

    String lastNotice(String room) {
        List<String> all = notices(room);
        return all.isEmpty() ? "" : all.getLast();
    }

    /** Waits (up to 10 s) for a bot event in the room that matches, for what the login thread sends. */
    ObjectNode awaitBotEvent(String room, Predicate<ObjectNode> matching, String what) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Optional<ObjectNode> found = botEvents(room).stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll interval
        }
        return fail("no bot event in " + room + " with " + what + " within 10 s; the bot said: " + notices(room));
    }

    ObjectNode awaitNotice(String room, String containing) {
        return awaitBotEvent(room, e -> e.path("content").path("msgtype").asText().equals("m.notice")
                && e.path("content").path("body").asText().contains(containing), "a notice saying '" + containing + "'");
    }

    static <T> T onVirtualThread(java.util.concurrent.Callable<T> call) {
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            return executor.submit(call).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        matrix.close();
        hs.close();
        database.close();
        vertx.close().await();
    }
}

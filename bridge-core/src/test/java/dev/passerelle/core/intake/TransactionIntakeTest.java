package dev.passerelle.core.intake;

import static dev.passerelle.core.intake.IntakeFixtures.count;
import static dev.passerelle.core.intake.IntakeFixtures.eventOfType;
import static dev.passerelle.core.intake.IntakeFixtures.ids;
import static dev.passerelle.core.intake.IntakeFixtures.message;
import static dev.passerelle.core.intake.IntakeFixtures.storedTransactions;
import static dev.passerelle.core.intake.IntakeFixtures.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.appservice.AppserviceHttpTest;
import dev.passerelle.core.metrics.ReadinessChecks;
import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The durable intake seen from the homeserver's side and from a handler's, on SQLite and PostgreSQL. */
class TransactionIntakeTest extends AppserviceHttpTest {

    static Stream<TestDatabase> databases() {
        return TestDatabases.both();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eventsReachTheHandlerInOrderPerRoom(TestDatabase db) throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(db, handler);
        List<String> rooms = List.of("!a:example.org", "!b:example.org", "!c:example.org");
        int sent = 0;
        for (int t = 0; t < 6; t++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                events.add(message(rooms.get(i % 3), "$e" + t + "_" + i));
            }
            assertEquals(200, putTransaction("order-" + t, txn(events)).status());
            sent += events.size();
        }
        handler.awaitCount(sent);
        for (String room : rooms) {
            List<InboundEvent> inRoom = handler.events().stream().filter(e -> e.roomId().equals(room)).toList();
            assertEquals(18, inRoom.size());
            for (int k = 1; k < inRoom.size(); k++) {
                InboundEvent before = inRoom.get(k - 1);
                InboundEvent after = inRoom.get(k);
                assertTrue(before.txnSeq() < after.txnSeq()
                        || (before.txnSeq() == after.txnSeq() && before.index() < after.index()),
                        "out of order in " + room + ": " + ids(inRoom));
            }
        }
        // Everything done: the transactions are completed and their bodies dropped.
        until(Duration.ofSeconds(10), "transactions completed", () ->
                count(db, "SELECT COUNT(*) FROM as_transaction WHERE completed_at IS NOT NULL AND body IS NULL") == 6);
        assertEquals(3, count(db, "SELECT COUNT(*) FROM intake_room_progress"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eventFieldsReachTheHandlerAndLegacyFieldsAreAccepted(TestDatabase db) throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(db, handler);
        String state = """
                {"type":"m.room.member","room_id":"!r:example.org","event_id":"$member","sender":"@bob:example.org",
                 "state_key":"@bob:example.org","origin_server_ts":1,"content":{"membership":"join"},
                 "age":1234,"user_id":"@bob:example.org"}""";
        String unknown = eventOfType("!r:example.org", "$odd", "com.example.never.heard.of");
        String noRoom = "{\"type\":\"m.something\",\"content\":{}}";
        String body = "{\"events\":[" + state + "," + unknown + "," + noRoom + "],"
                + "\"ephemeral\":[{\"type\":\"m.typing\",\"room_id\":\"!r:example.org\",\"content\":{\"user_ids\":[]}}],"
                + "\"de.sorunome.msc2409.to_device\":[{\"type\":\"m.room_key_request\",\"sender\":\"@bob:example.org\","
                + "\"to_user_id\":\"@bridgebot:example.org\",\"content\":{}}]}";
        assertEquals(200, putTransaction("fields-1", body).status());
        handler.awaitCount(3);
        handler.await(Duration.ofSeconds(10), "ephemeral and to-device",
                h -> h.ephemeral().size() == 1 && h.toDevice().size() == 1);
        InboundEvent member = handler.events().stream().filter(e -> e.eventId().equals("$member")).findFirst().orElseThrow();
        assertEquals("!r:example.org", member.roomId());
        assertEquals("@bob:example.org", member.sender());
        assertEquals("m.room.member", member.type());
        assertEquals(Optional.of("@bob:example.org"), member.stateKey());
        assertEquals(1234, member.json().path("age").asInt());
        assertFalse(member.replay());
        InboundEvent odd = handler.events().stream().filter(e -> e.eventId().equals("$odd")).findFirst().orElseThrow();
        assertEquals("com.example.never.heard.of", odd.type());
        assertEquals(Optional.empty(), odd.stateKey());
        InboundEvent roomless = handler.events().stream().filter(e -> e.type().equals("m.something")).findFirst().orElseThrow();
        assertEquals("", roomless.roomId());
        assertEquals("m.typing", handler.ephemeral().get(0).path("type").asText());
        assertEquals("m.room_key_request", handler.toDevice().get(0).path("type").asText());
        assertEquals(1, storedTransactions(db), "the transaction is stored once");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyEphemeralTransactionsAreHandedOnWithoutBeingStored(TestDatabase db) throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(db, handler);
        String body = "{\"events\":[],\"ephemeral\":[{\"type\":\"m.presence\",\"sender\":\"@a:example.org\","
                + "\"content\":{\"presence\":\"online\"}}]}";
        assertEquals(200, putTransaction("eph-1", body).status());
        handler.await(Duration.ofSeconds(10), "presence", h -> h.ephemeral().size() == 1);
        assertEquals(0, storedTransactions(db));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRepeatedTransactionIdIsAnsweredButNotDispatchedAgain(TestDatabase db) throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(db, handler);
        String body = txn(message("!r:example.org", "$once"));
        assertEquals(200, putTransaction("again", body).status());
        assertEquals(200, putTransaction("again", body).status());
        assertEquals(200, putTransaction("after", txn(message("!r:example.org", "$next"))).status());
        handler.awaitCount(2);
        assertEquals(List.of("$once", "$next"), handler.eventIds());
        assertEquals(2, storedTransactions(db));

        // After a restart the id is recognised from the database.
        bridge.close();
        RecordingHandler afterRestart = new RecordingHandler();
        start(db, afterRestart);
        assertEquals(200, putTransaction("again", body).status());
        assertEquals(200, putTransaction("fresh", txn(message("!r:example.org", "$fresh"))).status());
        afterRestart.awaitCount(1);
        assertEquals(List.of("$fresh"), afterRestart.eventIds());
        double duplicates = bridge.meterRegistry().get("passerelle.intake.transactions").tag("result", "duplicate")
                .counter().count();
        assertEquals(1.0, duplicates);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void afterARestartEventsNotDoneAreHandedAgainAndDoneOnesAreNot(TestDatabase db) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        RecordingHandler first = new RecordingHandler() {
            @Override
            public void handle(InboundEvent event) throws Exception {
                if (event.eventId().equals("$slow")) {
                    entered.countDown();
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                }
                super.handle(event);
            }
        };
        start(db, first);
        assertEquals(200, putTransaction("r-1", txn(message("!quick:example.org", "$q1"),
                message("!slow:example.org", "$slow"), message("!slow:example.org", "$after-slow"),
                message("!quick:example.org", "$q2"))).status());
        assertEquals(200, putTransaction("r-2", txn(message("!slow:example.org", "$later"))).status());
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        first.await(Duration.ofSeconds(10), "quick room done", h -> h.eventIds().contains("$q2"));
        until(Duration.ofSeconds(10), "quick room progress recorded",
                () -> count(db, "SELECT COUNT(*) FROM intake_room_progress WHERE room_id = '!quick:example.org'") == 1);

        // Close while "$slow" is in hand: it is finished, the events queued behind it are not started.
        Thread closing = Thread.ofVirtual().start(bridge::close);
        until(Duration.ofSeconds(10), "the bridge to stop taking transactions",
                () -> !ReadinessChecks.allReady(bridge.readiness().evaluate()));
        release.countDown();
        closing.join(Duration.ofSeconds(30));
        assertFalse(closing.isAlive(), "close() returned");
        assertEquals(Set.of("$q1", "$q2", "$slow"), Set.copyOf(first.eventIds()),
                "the event in hand was finished, the ones queued behind it were left for the next start");

        RecordingHandler second = new RecordingHandler();
        start(db, second);
        second.awaitCount(2);
        assertEquals(List.of("$after-slow", "$later"), second.eventIds());
        assertTrue(second.events().stream().allMatch(InboundEvent::replay), "flagged as replays");
        until(Duration.ofSeconds(10), "both transactions completed",
                () -> count(db, "SELECT COUNT(*) FROM as_transaction WHERE completed_at IS NULL") == 0);

        // A third start has nothing left to hand out.
        bridge.close();
        RecordingHandler third = new RecordingHandler();
        start(db, third);
        assertEquals(200, putTransaction("r-3", txn(message("!slow:example.org", "$last"))).status());
        third.awaitCount(1);
        assertEquals(List.of("$last"), third.eventIds());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFailingHandlerIsRetriedThenItsEventIsSkipped(TestDatabase db) throws Exception {
        AtomicInteger poisonAttempts = new AtomicInteger();
        AtomicInteger flakyAttempts = new AtomicInteger();
        RecordingHandler handler = new RecordingHandler() {
            @Override
            public void handle(InboundEvent event) throws Exception {
                if (event.eventId().equals("$poison")) {
                    poisonAttempts.incrementAndGet();
                    throw new IllegalStateException("this event always breaks the handler");
                }
                if (event.eventId().equals("$flaky") && flakyAttempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("fails the first time only");
                }
                super.handle(event);
            }
        };
        start(db, handler);
        assertEquals(200, putTransaction("p-1", txn(message("!r:example.org", "$poison"),
                message("!r:example.org", "$flaky"), message("!r:example.org", "$fine"))).status());
        handler.awaitCount(2);
        assertEquals(List.of("$flaky", "$fine"), handler.eventIds(), "the room goes on after the poison event");
        assertEquals(4, poisonAttempts.get(), "first try plus three retries");
        assertEquals(2, flakyAttempts.get());
        assertEquals(1.0, bridge.meterRegistry().get("passerelle.intake.events.failed").counter().count());
        until(Duration.ofSeconds(10), "the transaction completed despite the poison event",
                () -> count(db, "SELECT COUNT(*) FROM as_transaction WHERE completed_at IS NOT NULL") == 1);
    }
}

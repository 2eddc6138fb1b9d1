package dev.passerelle.core.webhook;

import static dev.passerelle.core.store.jooq.Tables.WEBHOOK_DELIVERY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.spi.WebhookReceiving;
import dev.passerelle.core.store.Database;
import dev.passerelle.core.store.StoreUnavailableException;
import dev.passerelle.core.store.TestStores;
import dev.passerelle.core.store.WebhookInboxStore;
import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The webhook inbox on both databases: stored before acknowledged, handed in order, resumed after a stop. */
class WebhookInboxTest {

    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();
    private static final DeliveryRetries QUICK = new DeliveryRetries(List.of(Duration.ofMillis(10)));

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    /** Records the bodies it is handed; may be told to block until released. */
    private static final class Receiver implements WebhookReceiving {
        final List<String> handled = new CopyOnWriteArrayList<>();
        final List<Boolean> replays = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile int failures;

        @Override
        public Optional<String> verifyWebhook(String path, Map<String, String> query) {
            return Optional.empty();
        }

        @Override
        public boolean authenticateWebhook(WebhookRequest request) {
            return true;
        }

        @Override
        public void handleWebhook(WebhookDelivery delivery) throws Exception {
            gate.await();
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("passing failure");
            }
            handled.add(delivery.body());
            replays.add(delivery.replay());
        }
    }

    private static Database open(TestDatabase db) {
        Database database = TestStores.open(db);
        database.dsl().deleteFrom(WEBHOOK_DELIVERY).execute();
        return database;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void until(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 15 s for " + what);
            }
            Thread.sleep(10);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deliveriesAreHandedInOrderOnceAndARepeatedBodyIsADuplicate(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Receiver receiver = new Receiver();
            receiver.failures = 1; // the first try of the first delivery fails: it is tried again, not skipped
            try (WebhookInbox inbox = WebhookInbox.open(database, Map.of("net", receiver), QUICK)) {
                for (int i = 1; i <= 5; i++) {
                    assertEquals(WebhookInbox.Accepted.STORED, inbox.accept("net", "", bytes("{\"n\":" + i + "}")));
                }
                assertEquals(WebhookInbox.Accepted.DUPLICATE, inbox.accept("net", "", bytes("{\"n\":3}")));
                until("five deliveries", () -> receiver.handled.size() == 5);
                assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}"), receiver.handled);
                assertThrows(IllegalArgumentException.class, () -> inbox.accept("other", "", bytes("{}")));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void whatWasNotHandledBeforeAStopIsHandedAgainAtTheNextOpen(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Receiver first = new Receiver();
            first.gate = new CountDownLatch(1); // handling hangs, as in a crash
            WebhookInbox inbox = WebhookInbox.open(database, Map.of("net", first), QUICK);
            inbox.accept("net", "sub", bytes("{\"a\":1}"));
            inbox.accept("net", "sub", bytes("{\"a\":2}"));
            inbox.close(Duration.ofMillis(100));
            assertEquals(List.of(), first.handled);

            Receiver second = new Receiver();
            try (WebhookInbox again = WebhookInbox.open(database, Map.of("net", second), QUICK)) {
                until("the two deliveries again", () -> second.handled.size() == 2);
                assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), second.handled);
                assertEquals(List.of(true, true), second.replays);
                assertEquals(WebhookInbox.Accepted.STORED, again.accept("net", "", bytes("{\"a\":3}")));
                until("the new one", () -> second.handled.size() == 3);
                assertEquals(false, second.replays.get(2));
            }
            Receiver third = new Receiver();
            try (WebhookInbox once = WebhookInbox.open(database, Map.of("net", third), QUICK)) {
                Thread.sleep(200); // nothing is pending: nothing may arrive
                assertEquals(List.of(), third.handled);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatabaseDownRefusesTheDeliveryWithoutHandingIt(TestDatabase db) throws Exception {
        Database database = open(db);
        Receiver receiver = new Receiver();
        try (WebhookInbox inbox = WebhookInbox.open(database, Map.of("net", receiver), QUICK)) {
            database.close();
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> inbox.accept("net", "", bytes("{}")));
            assertTrue(e.getMessage().contains("could not store a webhook delivery"), e.getMessage());
            Thread.sleep(100);
            assertEquals(List.of(), receiver.handled);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeliveryWhoseCommitLandedUnseenIsHandedWhenSentAgain(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Receiver receiver = new Receiver();
            try (WebhookInbox inbox = WebhookInbox.open(database, Map.of("net", receiver), QUICK)) {
                // As if a commit reported as failed had landed: stored, never queued.
                byte[] body = bytes("{\"lost\":true}");
                new WebhookInboxStore(database).insert(1000, "net", "", WebhookInbox.sha256(body), "{\"lost\":true}",
                        java.time.Instant.now());

                assertEquals(WebhookInbox.Accepted.DUPLICATE, inbox.accept("net", "", body));
                until("the lost delivery", () -> receiver.handled.size() == 1);
                assertEquals(List.of("{\"lost\":true}"), receiver.handled);
                until("it to be done", () -> new WebhookInboxStore(database).pending("net").isEmpty());
                assertEquals(WebhookInbox.Accepted.DUPLICATE, inbox.accept("net", "", body));
                Thread.sleep(100);
                assertEquals(1, receiver.handled.size());
            }
        }
    }
}

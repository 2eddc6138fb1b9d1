package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.WEBHOOK_DELIVERY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookInboxStoreTest {

    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123Z");

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    private static WebhookInboxStore open(TestDatabase db, Database[] holder) {
        Database database = TestStores.open(db);
        database.dsl().deleteFrom(WEBHOOK_DELIVERY).execute();
        holder[0] = database;
        return new WebhookInboxStore(database);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pendingDeliveriesComeBackInArrivalOrderPerNetworkUntilDone(TestDatabase db) {
        Database[] database = new Database[1];
        WebhookInboxStore store = open(db, database);
        try {
            assertEquals(0, store.maxSeq());
            assertTrue(store.insert(2, "messenger", "", "aa", "{\"n\":2}", T0));
            assertTrue(store.insert(1, "messenger", "page", "bb", "{\"n\":1}", T0));
            assertTrue(store.insert(3, "other", "", "aa", "{\"other\":true}", T0));
            assertEquals(3, store.maxSeq());

            List<WebhookDeliveryRow> pending = store.pending("messenger");
            assertEquals(List.of(1L, 2L), pending.stream().map(WebhookDeliveryRow::seq).toList());
            assertEquals(new WebhookDeliveryRow(1, "messenger", "page", "{\"n\":1}", T0),
                    pending.getFirst());

            assertEquals(Optional.of(pending.getFirst()), store.findPending("messenger", "bb"));
            assertEquals(Optional.empty(), store.findPending("other", "bb"));
            store.markDone(1, T0.plusSeconds(1));
            assertEquals(Optional.empty(), store.findPending("messenger", "bb"));
            assertEquals(List.of(2L), store.pending("messenger").stream().map(WebhookDeliveryRow::seq).toList());
            assertEquals(1, store.pending("other").size());
        } finally {
            database[0].close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theSameBodyIsStoredOnceEvenAfterItWasHandled(TestDatabase db) {
        Database[] database = new Database[1];
        WebhookInboxStore store = open(db, database);
        try {
            assertTrue(store.insert(1, "messenger", "", "hash1", "{}", T0));
            assertFalse(store.insert(2, "messenger", "", "hash1", "{}", T0));
            store.markDone(1, T0);
            assertFalse(store.insert(3, "messenger", "", "hash1", "{}", T0));
            assertEquals(List.of(), store.pending("messenger"));
        } finally {
            database[0].close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyOldHandledDeliveriesAreDeleted(TestDatabase db) {
        Database[] database = new Database[1];
        WebhookInboxStore store = open(db, database);
        try {
            store.insert(1, "messenger", "", "old", "{}", T0);
            store.insert(2, "messenger", "", "recent", "{}", T0);
            store.insert(3, "messenger", "", "pending", "{}", T0);
            store.markDone(1, T0);
            store.markDone(2, T0.plus(Duration.ofDays(2)));

            assertEquals(1, store.deleteDoneBefore(T0.plus(Duration.ofDays(1))));
            assertEquals(List.of(3L), store.pending("messenger").stream().map(WebhookDeliveryRow::seq).toList());
            // The old body may come again: it is new to the store now; the recent one is still recognised.
            assertTrue(store.insert(4, "messenger", "", "old", "{}", T0));
            assertFalse(store.insert(5, "messenger", "", "recent", "{}", T0));
            assertEquals(4, store.maxSeq());
        } finally {
            database[0].close();
        }
    }
}

package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.tables.AsTransaction.AS_TRANSACTION;
import static dev.passerelle.core.store.jooq.tables.IntakeRoomProgress.INTAKE_ROOM_PROGRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The intake's progress flush: every room's position lands, in multi-row upserts, on both databases. */
class IntakeStoreTest {

    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    private static Database open(TestDatabase db) {
        Database database = TestStores.open(db);
        database.dsl().deleteFrom(INTAKE_ROOM_PROGRESS).execute();
        database.dsl().deleteFrom(AS_TRANSACTION).execute();
        return database;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFlushRecordsEveryRoomAndCompletesItsTransactions(TestDatabase db) {
        try (Database database = open(db)) {
            IntakeStore store = new IntakeStore(database);
            assertTrue(store.insert(1, "txn-1", "{}", 3, 1000));
            assertTrue(store.insert(2, "txn-2", "{}", 2, 1001));

            // More rooms than one statement carries, so the flush is split and every part lands.
            int rooms = IntakeStore.ROWS_PER_STATEMENT * 2 + 7;
            Map<String, IntakePosition> first = new LinkedHashMap<>();
            for (int i = 0; i < rooms; i++) {
                first.put("!room" + i + ":example.org", new IntakePosition(1, i % 3));
            }
            store.recordProgress(first, List.of(1L), 2000);
            assertEquals(first, store.roomProgress());
            assertEquals(List.of("txn-2"), store.pending().stream().map(StoredTransaction::txnId).toList());
            assertFalse(store.find("txn-1").orElseThrow().body().isPresent(), "a completed body is dropped");

            // A later flush moves some rooms on, adds one, and leaves the others where they were.
            Map<String, IntakePosition> second = Map.of("!room0:example.org", new IntakePosition(2, 1),
                    "!room7:example.org", new IntakePosition(2, 0), "!new:example.org", new IntakePosition(2, 1));
            store.recordProgress(second, List.of(2L), 3000);
            Map<String, IntakePosition> expected = new LinkedHashMap<>(first);
            expected.putAll(second);
            assertEquals(expected, store.roomProgress());
            assertEquals(List.of(), store.pending());
            assertEquals(2, store.maxSeq());
            assertEquals(3000L, database.dsl().select(INTAKE_ROOM_PROGRESS.UPDATED_AT).from(INTAKE_ROOM_PROGRESS)
                    .where(INTAKE_ROOM_PROGRESS.ROOM_ID.eq("!room0:example.org")).fetchOne(0, Long.class));

            store.recordProgress(Map.of(), List.of(), 4000);
            assertEquals(expected, store.roomProgress(), "an empty flush changes nothing");
        }
    }
}

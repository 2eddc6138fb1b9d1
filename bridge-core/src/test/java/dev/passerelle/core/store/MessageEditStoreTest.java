package dev.passerelle.core.store;

import static dev.passerelle.core.store.StoreFixture.GROUP;
import static dev.passerelle.core.store.StoreFixture.T0;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageEditStoreTest {

    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEditIsRecordedOnceAndGoesWithItsMessage(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            MessageRow m1 = f.message(GROUP, "m1", T0);
            f.messages.insert(m1);
            assertFalse(f.edits.isSent("$edit1"));

            assertTrue(f.edits.record("$edit1", m1.key(), T0));
            assertFalse(f.edits.record("$edit1", m1.key(), T0.plusSeconds(1)), "recorded already");
            assertTrue(f.edits.isSent("$edit1"));
            assertFalse(f.edits.isSent("$edit2"));

            f.messages.deleteAllParts(GROUP, "m1");
            assertFalse(f.edits.isSent("$edit1"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEditOfAMessageNeverStoredIsRefused(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            assertThrows(DataAccessException.class,
                    () -> f.edits.record("$edit1", MessageKey.single(GROUP, "unknown"), T0));
        }
    }
}

package dev.passerelle.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KvStoreTest {

    // One database of each kind for the whole class (each test starts from emptied tables): creating and dropping
    // a PostgreSQL database per test costs about a second each.
    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void putReplacesAndDeleteForgets(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            assertEquals(Optional.empty(), f.kv.get("bot_profile_set"));
            f.kv.put("bot_profile_set", "v1");
            f.kv.put("bot_profile_set", "v2");
            f.kv.put("other", "x");
            assertEquals(Optional.of("v2"), f.kv.get("bot_profile_set"));
            assertTrue(f.kv.delete("bot_profile_set"));
            assertFalse(f.kv.delete("bot_profile_set"));
            assertEquals(Optional.empty(), f.kv.get("bot_profile_set"));
            assertEquals(Optional.of("x"), f.kv.get("other"));
        }
    }
}

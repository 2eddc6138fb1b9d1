package dev.passerelle.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.passerelle.core.config.DatabaseConfig.DatabaseType;
import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTest {

    static Stream<TestDatabase> databases() {
        return TestDatabases.both();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void opensMigratesAndReopensWithoutRedoingMigrations(TestDatabase db) {
        try (Database database = TestStores.open(db)) {
            assertTrue(database.isReachable(Duration.ofSeconds(2)));
            assertEquals(0, database.dsl().fetchCount(database.dsl().selectFrom("as_transaction")));
        }
        try (Database again = TestStores.open(db)) {
            assertEquals(0, again.dsl().fetchCount(again.dsl().selectFrom("as_transaction")));
        }
    }

    @Test
    void unreachablePostgresSaysWhichDatabaseAndWhatToCheckWithoutThePassword() {
        JdbcTarget target = JdbcTarget.parse(DatabaseType.POSTGRES,
                "postgres://bridge:s3cretpass@127.0.0.1:1/passerelle", Path.of("."));
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> Database.open(target, 2, List.of()));
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/passerelle"), e.getMessage());
        assertTrue(e.getMessage().contains("database.uri"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cretpass"), e.getMessage());
    }
}

package dev.passerelle.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import org.slf4j.LoggerFactory;

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

    /**
     * This machine's PostgreSQL may run with autovacuum on or off; either way the bridge must leave its tables with
     * statistics or leave them to autovacuum, and say so only when it is off.
     */
    @Test
    void postgresWithAutovacuumOffGetsItsTablesAnalyzedAndTheAdminTold() throws Exception {
        TestDatabase db = TestDatabases.postgres();
        Logger log = (Logger) LoggerFactory.getLogger(PlannerStatistics.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (Database database = TestStores.open(db)) {
            boolean off = database.dsl().fetchValue("SHOW autovacuum").equals("off");
            Object analyzedAt = database.dsl().fetchValue("SELECT last_analyze FROM pg_stat_user_tables"
                    + " WHERE schemaname = current_schema() AND relname = 'message'");
            List<String> warnings = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            if (off) {
                assertTrue(analyzedAt != null, "the message table was not analyzed at start");
                assertEquals(1, warnings.size(), warnings.toString());
                assertTrue(warnings.getFirst().startsWith("PostgreSQL's autovacuum is off on "), warnings.getFirst());
                assertTrue(warnings.getFirst().contains("turn autovacuum on"), warnings.getFirst());
            } else {
                assertEquals(List.of(), warnings);
            }
        } finally {
            log.detachAppender(logged);
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

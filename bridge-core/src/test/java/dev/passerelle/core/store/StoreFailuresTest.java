package dev.passerelle.core.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {

    @Test
    void aPoolWithNoFreeConnectionOrALostConnectionIsTransient() {
        // HikariCP's "Connection is not available, request timed out", as jOOQ wraps it.
        assertTrue(StoreFailures.isTransient(new RuntimeException("SQL [select ...]",
                new SQLTransientConnectionException("pool - Connection is not available, request timed out"))));
        // PostgreSQL's driver: connection refused (SQLSTATE 08001).
        assertTrue(StoreFailures.isTransient(new RuntimeException(new SQLException("Connection refused", "08001"))));
        assertTrue(StoreFailures.isTransient(new StoreUnavailableException("down", null)));
    }

    @Test
    void aStatementThatCanNeverSucceedIsNot() {
        assertFalse(StoreFailures.isTransient(new RuntimeException(
                new SQLIntegrityConstraintViolationException("duplicate key", "23505"))));
        assertFalse(StoreFailures.isTransient(new IllegalStateException("a bug")));
    }
}

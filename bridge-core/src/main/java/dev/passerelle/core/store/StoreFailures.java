package dev.passerelle.core.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells a database that is briefly unavailable from a statement that can never succeed. */
public final class StoreFailures {

    private StoreFailures() {
    }

    /**
     * Whether {@code failure} comes from the database being unreachable or busy for now (no connection free in the
     * pool, connection refused or lost, a lock timeout): trying the same work again later may succeed.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            // SQLSTATE class 08: connection exception (PostgreSQL's driver reports a refused or lost connection so).
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}

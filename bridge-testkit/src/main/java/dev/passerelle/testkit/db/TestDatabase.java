package dev.passerelle.testkit.db;

/**
 * A database a test may use and throw away: a fresh SQLite file or a fresh PostgreSQL database.
 *
 * @param kind    {@code sqlite} or {@code postgres}, the same words as {@code database.type} in the config
 * @param jdbcUrl a JDBC URL; for PostgreSQL it carries the user as a query parameter
 */
public record TestDatabase(String kind, String jdbcUrl) {

    @Override
    public String toString() {
        return kind; // shown as the parameter name of parameterized tests
    }
}

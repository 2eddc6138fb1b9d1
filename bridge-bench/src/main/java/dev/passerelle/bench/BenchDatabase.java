package dev.passerelle.bench;

import dev.passerelle.testkit.db.TestDatabases;
import dev.passerelle.testkit.db.TestPostgres;

/** The database a benchmark runs on: a fresh SQLite file or a fresh PostgreSQL database (found as the tests do). */
enum BenchDatabase {
    SQLITE, POSTGRES;

    /** A fresh, empty database of this kind, as a JDBC URL. */
    String freshJdbcUrl() {
        return switch (this) {
            case SQLITE -> TestDatabases.sqlite().jdbcUrl();
            case POSTGRES -> TestPostgres.server().createDatabase();
        };
    }
}

package dev.passerelle.core.intake;

import dev.passerelle.core.Passerelle;
import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a running bridge's database unusable until closed. PostgreSQL: the database stops allowing connections and
 * the bridge's are terminated. SQLite: another connection holds the write lock (as another process would).
 * The bridge's waits are shortened so that the test sees the failure in about a second.
 */
final class DatabaseOutage implements AutoCloseable {

    private final TestDatabase db;
    private final Connection holder;

    private DatabaseOutage(TestDatabase db, Connection holder) {
        this.db = db;
        this.holder = holder;
    }

    static DatabaseOutage begin(TestDatabase db, Passerelle bridge) throws SQLException {
        if (db.kind().equals("postgres")) {
            bridge.services().database().pool().setConnectionTimeout(1000);
            String name = URI.create(db.jdbcUrl().substring(5)).getPath().substring(1);
            try (Connection admin = DriverManager.getConnection(TestPostgres.server().adminUrl());
                 Statement s = admin.createStatement()) {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
            return new DatabaseOutage(db, null);
        }
        bridge.services().database().dsl().execute("PRAGMA busy_timeout = 1000");
        Connection holder = DriverManager.getConnection(db.jdbcUrl());
        try (Statement s = holder.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
        }
        return new DatabaseOutage(db, holder);
    }

    @Override
    public void close() throws SQLException {
        if (holder != null) {
            try (Statement s = holder.createStatement()) {
                s.execute("ROLLBACK");
            }
            holder.close();
            return;
        }
        String name = URI.create(db.jdbcUrl().substring(5)).getPath().substring(1);
        try (Connection admin = DriverManager.getConnection(TestPostgres.server().adminUrl());
             Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
        }
    }
}

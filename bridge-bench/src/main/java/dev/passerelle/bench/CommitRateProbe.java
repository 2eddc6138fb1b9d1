package dev.passerelle.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The physical reference for the intake numbers: how many single-row durable commits per second the database
 * takes on this machine, measured with a plain JDBC loop (no pool, no jOOQ).
 */
final class CommitRateProbe {

    private CommitRateProbe() {
    }

    /** Commits per second over {@code duration}, each commit inserting one small row. */
    static double commitsPerSecond(String jdbcUrl, Duration duration) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=FULL");
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS commit_probe (id BIGINT PRIMARY KEY, payload VARCHAR(64))");
                s.execute("DELETE FROM commit_probe");
            }
            c.setAutoCommit(false);
            long end = System.nanoTime() + duration.toNanos();
            long start = System.nanoTime();
            long n = 0;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO commit_probe VALUES (?, ?)")) {
                while (System.nanoTime() < end) {
                    insert.setLong(1, n++);
                    insert.setString(2, "probe");
                    insert.executeUpdate();
                    c.commit();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE commit_probe");
            }
            c.commit();
            return n / seconds;
        }
    }
}

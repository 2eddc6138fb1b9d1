package dev.passerelle.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL chooses how to run the bridge's lookups from table statistics, which its autovacuum refreshes. With
 * none, it may look a message up by its full key through a shorter index on the portal and filter every message of
 * the portal: 1.9 ms instead of 0.05 ms per lookup at 60,000 messages, slower with each one (BENCHMARKS.md). So when
 * autovacuum is off, this says so at start and refreshes the statistics of the bridge's tables once.
 */
final class PlannerStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);

    private PlannerStatistics() {
    }

    /** Checks the server's autovacuum setting; when it is off, analyzes the tables of the current schema. */
    static void checkAutovacuum(DataSource raw, JdbcTarget target) {
        try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW autovacuum")) {
                if (!rs.next() || !rs.getString(1).equals("off")) {
                    return;
                }
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT quote_ident(tablename) FROM pg_tables"
                    + " WHERE schemaname = current_schema()")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                s.execute("ANALYZE " + String.join(", ", tables));
            }
            LOG.warn("PostgreSQL's autovacuum is off on {}: the bridge's tables get no fresh statistics, and looking up"
                    + " bridged messages slows down as they grow. Statistics were refreshed now; turn autovacuum on"
                    + " (autovacuum = on in postgresql.conf), or run ANALYZE on this database regularly.",
                    target.describe());
        } catch (SQLException e) {
            // Only advice: the bridge works without it.
            LOG.debug("Could not check PostgreSQL's autovacuum setting: {}", e.getMessage());
        }
    }
}

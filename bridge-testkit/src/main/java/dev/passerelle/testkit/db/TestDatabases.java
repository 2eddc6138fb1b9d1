package dev.passerelle.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fresh databases of both kinds for tests that must hold on SQLite and on PostgreSQL alike.
 *
 * <pre>{@code
 * static Stream<TestDatabase> databases() { return TestDatabases.both(); }
 * @ParameterizedTest @MethodSource("databases") void stores(TestDatabase db) { ... }
 * }</pre>
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A fresh SQLite file and a fresh PostgreSQL database, in that order. */
    public static Stream<TestDatabase> both() {
        return Stream.of(sqlite(), postgres());
    }

    /** A new, empty SQLite database file under {@code target/}. */
    public static TestDatabase sqlite() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-sqlite"));
            Path file = dir.resolve("db-" + UUID.randomUUID() + ".db").toAbsolutePath();
            return new TestDatabase("sqlite", "jdbc:sqlite:" + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new PostgreSQL database of its own, for tests that cut the database off (a schema shares its database with
     * other tests' schemas).
     */
    public static TestDatabase postgresDatabase() {
        return new TestDatabase("postgres", TestPostgres.server().createDatabase());
    }

    /** A fresh SQLite file and a PostgreSQL database of its own, for tests that cut the database off. */
    public static Stream<TestDatabase> bothIsolated() {
        return Stream.of(sqlite(), postgresDatabase());
    }

    /** A new, empty PostgreSQL schema (as good as a database for the bridge) on the server {@link TestPostgres} found. */
    public static TestDatabase postgres() {
        return new TestDatabase("postgres", TestPostgres.server().createSchema());
    }
}

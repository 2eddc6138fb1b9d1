package dev.passerelle.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** Checks that {@code database.type} and {@code database.uri} agree and that the URI can be used. */
final class DatabaseUriCheck {

    private final DatabaseConfig database;

    DatabaseUriCheck(DatabaseConfig database) {
        this.database = database;
    }

    void check(List<ConfigProblem> problems) {
        var uri = database.uri();
        var shown = SecretMask.maskUriPassword(uri);
        boolean postgresUri = uri.startsWith("postgres://") || uri.startsWith("postgresql://")
                || uri.startsWith("jdbc:postgresql:");
        switch (database.type()) {
            case SQLITE -> {
                if (postgresUri) {
                    problems.add(new ConfigProblem("database.uri", shown, "is a PostgreSQL URI but database.type "
                            + "is sqlite; set database.type: postgres, or give an SQLite file path"));
                } else if (!uri.startsWith(SqliteLocation.JDBC_PREFIX) || uri.length() == SqliteLocation.JDBC_PREFIX
                        .length()) {
                    problems.add(new ConfigProblem("database.uri", shown, "must be an SQLite file path "
                            + "(passerelle.db) or a jdbc:sqlite: URL when database.type is sqlite"));
                }
            }
            case POSTGRES -> {
                if (uri.isBlank()) {
                    problems.add(ConfigProblem.missing("database.uri", "is required for postgres, e.g. "
                            + "postgres://passerelle:password@localhost:5432/passerelle"));
                } else if (!postgresUri) {
                    problems.add(new ConfigProblem("database.uri", shown, "must be postgres://user:password@host:"
                            + "port/database or jdbc:postgresql://host:port/database?user=... when database.type "
                            + "is postgres"));
                } else {
                    checkPostgresShape(uri, shown, problems);
                }
            }
        }
        if (database.maxPoolSize() < 1 || database.maxPoolSize() > 1000) {
            problems.add(new ConfigProblem("database.max_pool_size", Integer.toString(database.maxPoolSize()),
                    "must be between 1 and 1000; the default is " + ConfigDefaults.MAX_POOL_SIZE));
        }
    }

    private static void checkPostgresShape(String uri, String shown, List<ConfigProblem> problems) {
        var parsed = uri.startsWith("jdbc:") ? uri.substring("jdbc:".length()) : uri;
        try {
            var address = new URI(parsed);
            var path = address.getPath() == null ? "" : address.getPath();
            if (address.getHost() == null || path.length() <= 1) {
                problems.add(new ConfigProblem("database.uri", shown, "needs a host and a database name, e.g. "
                        + "postgres://passerelle:password@localhost:5432/passerelle"));
            }
        } catch (URISyntaxException e) {
            problems.add(new ConfigProblem("database.uri", shown, "is not a valid URI (" + e.getReason()
                    + "); percent-encode special characters in the password, e.g. '@' as %40"));
        }
    }
}

package dev.passerelle.core.config;

import java.nio.file.Path;

/** Turns what a user writes for an SQLite database (a path or a {@code jdbc:sqlite:} URL) into a JDBC URL. */
final class SqliteLocation {

    static final String JDBC_PREFIX = "jdbc:sqlite:";

    private SqliteLocation() {
    }

    /**
     * {@code passerelle.db} → {@code jdbc:sqlite:/dir/of/config/passerelle.db}. Relative paths are resolved against
     * {@code directory} (the config file's), so the database sits beside the config whatever the working directory.
     * Query parameters are kept; other URI schemes are left alone for the validator to report.
     */
    static String resolve(String uri, Path directory) {
        if (uri.isBlank() || uri.contains("://") || (uri.startsWith("jdbc:") && !uri.startsWith(JDBC_PREFIX))) {
            return uri;
        }
        var rest = uri.startsWith(JDBC_PREFIX) ? uri.substring(JDBC_PREFIX.length()) : uri;
        int query = rest.indexOf('?');
        var file = query < 0 ? rest : rest.substring(0, query);
        var parameters = query < 0 ? "" : rest.substring(query);
        if (file.isEmpty() || file.equals(":memory:") || file.startsWith("file:")) {
            return JDBC_PREFIX + rest;
        }
        return JDBC_PREFIX + directory.resolve(file).normalize() + parameters;
    }
}

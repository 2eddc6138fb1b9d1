package dev.passerelle.core.store;

import dev.passerelle.core.config.DatabaseConfig.DatabaseType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the store lives, as JDBC needs it. Admins write {@code postgres://user:pass@host/db} (the form other bridges
 * use), a JDBC URL, or for SQLite a plain file path; this turns each into a JDBC URL plus credentials kept apart so
 * that the password never travels inside a string that might be logged.
 *
 * @param url      a JDBC URL without user info
 * @param user     the user name, when the URI carried one
 * @param password the password, when the URI carried one
 */
public record JdbcTarget(DatabaseType type, String url, Optional<String> user, Optional<String> password) {

    /**
     * @param baseDir the directory relative SQLite paths are resolved against (the config file's directory)
     * @throws IllegalArgumentException when the URI cannot be understood; the message says which forms are accepted
     */
    public static JdbcTarget parse(DatabaseType type, String uri, Path baseDir) {
        return switch (type) {
            case SQLITE -> sqlite(uri, baseDir);
            case POSTGRES -> postgres(uri);
        };
    }

    private static JdbcTarget sqlite(String uri, Path baseDir) {
        String path = uri.startsWith("jdbc:sqlite:") ? uri.substring("jdbc:sqlite:".length())
                : uri.startsWith("sqlite:") ? uri.substring("sqlite:".length()) : uri;
        if (path.isBlank()) {
            throw new IllegalArgumentException("database.uri: an SQLite database needs a file path, e.g. passerelle.db");
        }
        if (!path.startsWith(":memory:") && !path.startsWith("file:")) {
            path = baseDir.resolve(path).toAbsolutePath().normalize().toString();
        }
        return new JdbcTarget(DatabaseType.SQLITE, "jdbc:sqlite:" + path, Optional.empty(), Optional.empty());
    }

    private static JdbcTarget postgres(String uri) {
        if (uri.startsWith("jdbc:postgresql:")) {
            return new JdbcTarget(DatabaseType.POSTGRES, uri, Optional.empty(), Optional.empty());
        }
        if (!uri.startsWith("postgres://") && !uri.startsWith("postgresql://")) {
            throw new IllegalArgumentException("database.uri: expected postgres://user:password@host:port/database "
                    + "or jdbc:postgresql://host:port/database for a PostgreSQL database");
        }
        try {
            URI parsed = new URI(uri);
            String host = parsed.getHost() == null ? "localhost" : parsed.getHost();
            String port = parsed.getPort() < 0 ? "" : ":" + parsed.getPort();
            String db = parsed.getRawPath() == null ? "" : parsed.getRawPath();
            String query = parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery();
            Optional<String> user = Optional.empty();
            Optional<String> password = Optional.empty();
            if (parsed.getRawUserInfo() != null) {
                String[] parts = parsed.getRawUserInfo().split(":", 2);
                user = Optional.of(decode(parts[0]));
                if (parts.length == 2) {
                    password = Optional.of(decode(parts[1]));
                }
            }
            return new JdbcTarget(DatabaseType.POSTGRES, "jdbc:postgresql://" + host + port + db + query, user, password);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("database.uri is not a valid URI (" + e.getReason()
                    + "); expected postgres://user:password@host:port/database");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL for log lines: it never holds credentials, but query parameters may ({@code ?password=}), so drop them. */
    public String describe() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}

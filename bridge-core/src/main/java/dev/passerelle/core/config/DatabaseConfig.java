package dev.passerelle.core.config;

/**
 * @param type        {@code sqlite} (embedded default, one file) or {@code postgres}
 * @param uri         a JDBC URL ({@code jdbc:sqlite:passerelle.db}, {@code jdbc:postgresql://host/db?user=...}) or a
 *                    {@code postgres://user:pass@host/db} URI
 * @param maxPoolSize the most connections the bridge opens
 */
public record DatabaseConfig(DatabaseType type, String uri, int maxPoolSize) {

    public enum DatabaseType { SQLITE, POSTGRES }
}

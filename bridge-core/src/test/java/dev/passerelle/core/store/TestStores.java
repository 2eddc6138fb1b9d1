package dev.passerelle.core.store;

import dev.passerelle.core.config.DatabaseConfig.DatabaseType;
import dev.passerelle.testkit.db.TestDatabase;
import java.nio.file.Path;
import java.util.List;

/** Opens a migrated {@link Database} on a test kit database. */
public final class TestStores {

    private TestStores() {
    }

    public static JdbcTarget target(TestDatabase db) {
        DatabaseType type = DatabaseType.valueOf(db.kind().toUpperCase());
        return JdbcTarget.parse(type, db.jdbcUrl(), Path.of("."));
    }

    public static Database open(TestDatabase db) {
        return Database.open(target(db), 4, List.of());
    }
}

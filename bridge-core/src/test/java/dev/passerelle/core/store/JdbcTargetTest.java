package dev.passerelle.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.config.DatabaseConfig.DatabaseType;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcTargetTest {

    @Test
    void postgresUriBecomesJdbcUrlWithCredentialsKeptApart() {
        JdbcTarget t = JdbcTarget.parse(DatabaseType.POSTGRES,
                "postgres://bridge:p%40ss@db.example.org:5433/passerelle?sslmode=require", Path.of("."));
        assertEquals("jdbc:postgresql://db.example.org:5433/passerelle?sslmode=require", t.url());
        assertEquals(Optional.of("bridge"), t.user());
        assertEquals(Optional.of("p@ss"), t.password());
        assertEquals("jdbc:postgresql://db.example.org:5433/passerelle", t.describe());
    }

    @Test
    void jdbcPostgresUrlIsKeptAsItIs() {
        JdbcTarget t = JdbcTarget.parse(DatabaseType.POSTGRES, "jdbc:postgresql://localhost/x?user=u", Path.of("."));
        assertEquals("jdbc:postgresql://localhost/x?user=u", t.url());
    }

    @Test
    void sqlitePathIsResolvedAgainstTheConfigDirectory() {
        Path base = Path.of("/srv/passerelle");
        assertEquals("jdbc:sqlite:/srv/passerelle/passerelle.db",
                JdbcTarget.parse(DatabaseType.SQLITE, "passerelle.db", base).url());
        assertEquals("jdbc:sqlite:/srv/passerelle/data/p.db",
                JdbcTarget.parse(DatabaseType.SQLITE, "jdbc:sqlite:data/p.db", base).url());
        assertEquals("jdbc:sqlite:/var/lib/p.db",
                JdbcTarget.parse(DatabaseType.SQLITE, "sqlite:/var/lib/p.db", base).url());
    }

    @Test
    void somethingElseForPostgresIsRefusedWithTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdbcTarget.parse(DatabaseType.POSTGRES, "mysql://x/y", Path.of(".")));
        assertTrue(e.getMessage().contains("postgres://user:password@host:port/database"), e.getMessage());
    }
}

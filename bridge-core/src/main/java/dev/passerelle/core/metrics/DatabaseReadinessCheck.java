package dev.passerelle.core.metrics;

import dev.passerelle.core.store.Database;
import java.time.Duration;

/** Ready when a database connection can be had and answers; blocks up to the pool's connection timeout. */
public final class DatabaseReadinessCheck implements ReadinessCheck {

    private final Database database;

    public DatabaseReadinessCheck(Database database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Readiness check() {
        return database.isReachable(Duration.ofSeconds(2)) ? Readiness.ok()
                : Readiness.notReady("the database (" + database.type().name().toLowerCase()
                + ") cannot be reached; transactions are refused with 503 until it can. Check database.uri and the "
                + "database server");
    }
}

package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.KV;

import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The {@code kv} table: small bridge-wide values by name (markers, last run times). Not for per-portal or per-login
 * data, which belongs in their own tables. Every method blocks; call from virtual threads.
 */
public final class KvStore {

    private final DSLContext dsl;

    public KvStore(Database database) {
        this.dsl = database.dsl();
    }

    /** The value stored under {@code name}, or empty when none is. */
    public Optional<String> get(String name) {
        return dsl.select(KV.CONTENT).from(KV).where(KV.NAME.eq(name)).fetchOptional(KV.CONTENT);
    }

    /** Stores {@code value} under {@code name}, replacing what was there. */
    public void put(String name, String value) {
        IdChecks.requireId(name, "name");
        dsl.insertInto(KV).set(KV.NAME, name).set(KV.CONTENT, value)
                .onConflict(KV.NAME).doUpdate().set(KV.CONTENT, value)
                .execute();
    }

    /** Removes the value; false when nothing was stored under {@code name}. */
    public boolean delete(String name) {
        return dsl.deleteFrom(KV).where(KV.NAME.eq(name)).execute() > 0;
    }
}

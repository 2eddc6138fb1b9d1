package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.CONNECTOR_STATE;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@code connector_state} table: values connectors keep in the database (a network library's keys, id
 * mappings), by network, login ({@code ""} for the whole network) and name. Values go in and out as plaintext bytes
 * and are stored only sealed by the {@link SecretBox}, bound to their row. Every method blocks; call from virtual
 * threads.
 */
public final class ConnectorStateStore {

    private static final int MAX_NAME = 512;

    private final DSLContext dsl;
    private final SecretBox secrets;
    private final Clock clock;

    public ConnectorStateStore(Database database, SecretBox secrets, Clock clock) {
        this.dsl = database.dsl();
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The value, decrypted; empty when none is stored. */
    public Optional<byte[]> get(String network, String loginId, String name) {
        return dsl.select(CONNECTOR_STATE.CONTENT).from(CONNECTOR_STATE).where(scope(network, loginId)
                        .and(CONNECTOR_STATE.NAME.eq(name)))
                .fetchOptional(CONNECTOR_STATE.CONTENT)
                .map(sealed -> open(network, loginId, name, sealed));
    }

    /** The stored values among {@code names}. */
    public Map<String, byte[]> getAll(String network, String loginId, Collection<String> names) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        dsl.select(CONNECTOR_STATE.NAME, CONNECTOR_STATE.CONTENT).from(CONNECTOR_STATE)
                .where(scope(network, loginId).and(CONNECTOR_STATE.NAME.in(names)))
                .forEach(r -> found.put(r.value1(), open(network, loginId, r.value1(), r.value2())));
        return found;
    }

    /** Stores one value, replacing what was there. */
    public void put(String network, String loginId, String name, byte[] value) {
        update(network, loginId, Map.of(name, Optional.of(value)));
    }

    /** Stores present values and deletes names with empty ones, in one transaction. */
    public void update(String network, String loginId, Map<String, Optional<byte[]>> changes) {
        IdChecks.requireId(network, "network");
        if (changes.isEmpty()) {
            return;
        }
        long now = clock.millis();
        changes.keySet().forEach(ConnectorStateStore::checkName);
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            List<String> deleted = changes.entrySet().stream().filter(e -> e.getValue().isEmpty())
                    .map(Map.Entry::getKey).toList();
            if (!deleted.isEmpty()) {
                t.deleteFrom(CONNECTOR_STATE).where(scope(network, loginId).and(CONNECTOR_STATE.NAME.in(deleted)))
                        .execute();
            }
            for (var change : changes.entrySet()) {
                if (change.getValue().isEmpty()) {
                    continue;
                }
                String sealed = secrets.seal(change.getValue().get(), boundTo(network, loginId, change.getKey()));
                t.insertInto(CONNECTOR_STATE)
                        .set(CONNECTOR_STATE.NETWORK, network).set(CONNECTOR_STATE.LOGIN_ID, loginId)
                        .set(CONNECTOR_STATE.NAME, change.getKey()).set(CONNECTOR_STATE.CONTENT, sealed)
                        .set(CONNECTOR_STATE.UPDATED_AT, now)
                        .onConflict(CONNECTOR_STATE.NETWORK, CONNECTOR_STATE.LOGIN_ID, CONNECTOR_STATE.NAME)
                        .doUpdate().set(CONNECTOR_STATE.CONTENT, sealed).set(CONNECTOR_STATE.UPDATED_AT, now)
                        .execute();
            }
        });
    }

    /** Deletes one value; false when none was stored. */
    public boolean delete(String network, String loginId, String name) {
        return dsl.deleteFrom(CONNECTOR_STATE).where(scope(network, loginId).and(CONNECTOR_STATE.NAME.eq(name)))
                .execute() > 0;
    }

    /**
     * The login's values whose names start with {@code prefix}, by name. Compared exactly (not with LIKE, which
     * SQLite folds to lower case and which would need escaping).
     */
    public Map<String, byte[]> listByPrefix(String network, String loginId, String prefix) {
        Condition where = scope(network, loginId);
        if (!prefix.isEmpty()) {
            where = where.and(DSL.substring(CONNECTOR_STATE.NAME, 1, prefix.length()).eq(prefix));
        }
        Map<String, byte[]> found = new LinkedHashMap<>();
        dsl.select(CONNECTOR_STATE.NAME, CONNECTOR_STATE.CONTENT).from(CONNECTOR_STATE).where(where)
                .orderBy(CONNECTOR_STATE.NAME)
                .forEach(r -> found.put(r.value1(), open(network, loginId, r.value1(), r.value2())));
        return found;
    }

    /** Deletes every value of a login; returns how many there were. */
    public int deleteLogin(String network, String loginId) {
        return dsl.deleteFrom(CONNECTOR_STATE).where(scope(network, loginId)).execute();
    }

    private byte[] open(String network, String loginId, String name, String sealed) {
        return secrets.open(sealed, boundTo(network, loginId, name),
                "stored " + network + " state " + name + (loginId.isEmpty() ? "" : " of login " + loginId));
    }

    // Sealed values copied to another row (another login, another name) do not open.
    static String boundTo(String network, String loginId, String name) {
        return "connector_state/" + network + "/" + loginId + "/" + name;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a connector state name must have 1 to " + MAX_NAME
                    + " characters, got " + (name == null ? "null" : name.length()));
        }
    }

    private static Condition scope(String network, String loginId) {
        return CONNECTOR_STATE.NETWORK.eq(network).and(CONNECTOR_STATE.LOGIN_ID.eq(loginId));
    }
}

package dev.passerelle.core.spi;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Small values a connector keeps in the bridge's database instead of files of its own: a network library's keys and
 * sessions, identity mappings. Scoped to the connector's network; within it, to a login ({@code loginId}) or, with
 * {@code loginId ""}, to the whole network. Values are encrypted at rest like login secrets. Calls block (database);
 * call from virtual threads. Names are non-empty strings of at most 512 characters.
 */
public interface ConnectorStore {

    /** The value of {@code name}, or empty when none is stored. */
    Optional<byte[]> get(String loginId, String name);

    /** The values of those {@code names} that are stored (names without a value are absent from the map). */
    Map<String, byte[]> getAll(String loginId, Collection<String> names);

    /** Stores {@code value} under {@code name}, replacing what was there. */
    default void put(String loginId, String name, byte[] value) {
        update(loginId, Map.of(name, Optional.of(value)));
    }

    /** Writes and deletes in one transaction: a present value is stored, an empty one deletes its name. */
    void update(String loginId, Map<String, Optional<byte[]>> changes);

    /** Deletes {@code name}; false when nothing was stored under it. */
    boolean delete(String loginId, String name);

    /** Every value of the login whose name starts with {@code prefix} ({@code ""}: all), by name. */
    Map<String, byte[]> listByPrefix(String loginId, String prefix);

    /** Deletes every value of the login (e.g. at logout); returns how many there were. */
    int deleteLogin(String loginId);
}

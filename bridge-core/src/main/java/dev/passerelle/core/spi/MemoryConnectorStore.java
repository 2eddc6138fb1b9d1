package dev.passerelle.core.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ConnectorStore} that keeps values in memory only, for a connector's own unit tests and for code that
 * builds a {@link ConnectorContext} without a database. Nothing survives the process. Thread-safe.
 */
public final class MemoryConnectorStore implements ConnectorStore {

    private final Map<String, TreeMap<String, byte[]>> logins = new ConcurrentHashMap<>();

    private TreeMap<String, byte[]> of(String loginId) {
        return logins.computeIfAbsent(loginId, id -> new TreeMap<>());
    }

    @Override
    public synchronized Optional<byte[]> get(String loginId, String name) {
        return Optional.ofNullable(of(loginId).get(name)).map(byte[]::clone);
    }

    @Override
    public synchronized Map<String, byte[]> getAll(String loginId, Collection<String> names) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (String name : names) {
            byte[] value = of(loginId).get(name);
            if (value != null) {
                found.put(name, value.clone());
            }
        }
        return found;
    }

    @Override
    public synchronized void update(String loginId, Map<String, Optional<byte[]>> changes) {
        changes.forEach((name, value) -> {
            if (value.isPresent()) {
                of(loginId).put(name, value.get().clone());
            } else {
                of(loginId).remove(name);
            }
        });
    }

    @Override
    public synchronized boolean delete(String loginId, String name) {
        return of(loginId).remove(name) != null;
    }

    @Override
    public synchronized Map<String, byte[]> listByPrefix(String loginId, String prefix) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        of(loginId).forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                found.put(name, value.clone());
            }
        });
        return found;
    }

    @Override
    public synchronized int deleteLogin(String loginId) {
        TreeMap<String, byte[]> removed = logins.remove(loginId);
        return removed == null ? 0 : removed.size();
    }
}

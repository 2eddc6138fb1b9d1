package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.store.ConnectorStateStore;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The {@link ConnectorStore} handed to one connector: the {@code connector_state} rows of its network only. */
public final class NetworkStateStore implements ConnectorStore {

    private final String network;
    private final ConnectorStateStore store;

    public NetworkStateStore(String network, ConnectorStateStore store) {
        this.network = network;
        this.store = store;
    }

    @Override
    public Optional<byte[]> get(String loginId, String name) {
        return store.get(network, loginId, name);
    }

    @Override
    public Map<String, byte[]> getAll(String loginId, Collection<String> names) {
        return store.getAll(network, loginId, names);
    }

    @Override
    public void update(String loginId, Map<String, Optional<byte[]>> changes) {
        store.update(network, loginId, changes);
    }

    @Override
    public boolean delete(String loginId, String name) {
        return store.delete(network, loginId, name);
    }

    @Override
    public Map<String, byte[]> listByPrefix(String loginId, String prefix) {
        return store.listByPrefix(network, loginId, prefix);
    }

    @Override
    public int deleteLogin(String loginId) {
        return store.deleteLogin(network, loginId);
    }
}

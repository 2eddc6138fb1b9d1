package dev.passerelle.core.bridge;

import dev.passerelle.core.command.CommandTarget;
import dev.passerelle.core.command.LoginSummary;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.PortalStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engine as the bot commands see it. */
final class BridgeCommands implements CommandTarget {

    private final Map<String, Network> networks;
    private final Logins logins;
    private final PortalStore portals;

    BridgeCommands(Map<String, Network> networks, Logins logins, PortalStore portals) {
        this.networks = networks;
        this.logins = logins;
        this.portals = portals;
    }

    @Override
    public List<NetworkConnector> networks() {
        return networks.values().stream().map(Network::connector).toList();
    }

    @Override
    public List<LoginSummary> logins(String network, String userId) {
        return logins.storedOf(network, userId).stream()
                .map(row -> new LoginSummary(network, row.key().loginId(), row.remoteName(),
                        LoginState.valueOf(row.state().name())))
                .toList();
    }

    @Override
    public void addLogin(String network, String userId, NewLogin login) {
        logins.add(network(network), userId, login);
    }

    @Override
    public void logout(String network, String loginId) {
        network(network);
        logins.logout(new LoginKey(network, loginId));
    }

    @Override
    public Optional<String> portalNetwork(String roomId) {
        return portals.getByRoomId(roomId).map(p -> p.key().network());
    }

    @Override
    public Optional<NetworkClient> client(String network, String loginId) {
        return logins.get(new LoginKey(network, loginId)).map(ActiveLogin::client);
    }

    @Override
    public String version() {
        String version = Bridge.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    private Network network(String id) {
        Network n = networks.get(id);
        if (n == null) {
            throw new IllegalArgumentException("Network " + id + " is not enabled");
        }
        return n;
    }
}

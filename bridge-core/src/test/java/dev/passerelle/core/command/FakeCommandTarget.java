package dev.passerelle.core.command;

import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NewLogin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The engine's side for the command tests: logins kept in memory, one network, portals set by the test. */
final class FakeCommandTarget implements CommandTarget {
    final ScriptedConnector connector = new ScriptedConnector();
    final List<LoginSummary> logins = new CopyOnWriteArrayList<>();
    final List<String> loggedOut = new CopyOnWriteArrayList<>();
    final Map<String, String> portals = new ConcurrentHashMap<>();
    final List<String> relayCalls = new CopyOnWriteArrayList<>();

    @Override
    public List<NetworkConnector> networks() {
        return List.of(connector);
    }

    @Override
    public List<LoginSummary> logins(String network, String userId) {
        // the fake keeps one user's logins: the tests log in as alice only
        return logins.stream().filter(l -> l.network().equals(network)).toList();
    }

    @Override
    public void addLogin(String network, String userId, NewLogin login) {
        logins.add(new LoginSummary(network, login.loginId(), login.remoteName(), LoginState.CONNECTED));
    }

    @Override
    public void logout(String network, String loginId) {
        loggedOut.add(loginId);
        logins.removeIf(l -> l.loginId().equals(loginId));
    }

    @Override
    public Optional<String> portalNetwork(String roomId) {
        return Optional.ofNullable(portals.get(roomId));
    }

    @Override
    public String setRelay(String roomId, String userId) {
        relayCalls.add("set " + roomId + " " + userId);
        return "relay set by " + userId;
    }

    @Override
    public String unsetRelay(String roomId, String userId, boolean admin) {
        relayCalls.add("unset " + roomId + " " + userId + (admin ? " admin" : ""));
        return "relay unset by " + userId;
    }

    @Override
    public String version() {
        return "9.9.9-test";
    }
}

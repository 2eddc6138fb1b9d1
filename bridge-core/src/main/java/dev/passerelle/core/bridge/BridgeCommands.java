package dev.passerelle.core.bridge;

import dev.passerelle.core.command.CommandTarget;
import dev.passerelle.core.command.DirectChat;
import dev.passerelle.core.command.DirectChatException;
import dev.passerelle.core.command.LoginSummary;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The engine as the bot commands see it; blocks (store, network). */
final class BridgeCommands implements CommandTarget {

    private final Map<String, Network> networks;
    private final Logins logins;
    private final PortalStore portals;
    private final SenderLogins senders;
    private final DirectChats directChats;
    private final PortalCommands portalCommands;

    private final PersonalSpaces spaces;

    BridgeCommands(Map<String, Network> networks, Logins logins, PortalStore portals, PersonalSpaces spaces,
                   SenderLogins senders, DirectChats directChats, PortalCommands portalCommands) {
        this.spaces = spaces;
        this.portalCommands = portalCommands;
        this.networks = networks;
        this.logins = logins;
        this.portals = portals;
        this.senders = senders;
        this.directChats = directChats;
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
        Network n = network(network);
        LoginKey key = new LoginKey(network, loginId);
        // Before the login (and what says which portals were in its space) is deleted.
        logins.stored(key).ifPresent(row -> spaces.dissolve(n, key, row.mxid()));
        logins.logout(key);
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
    public DirectChat directChat(String network, String loginId, String identifier, boolean start)
            throws DirectChatException {
        network(network);
        ActiveLogin login = logins.get(new LoginKey(network, loginId)).orElseThrow(() -> new DirectChatException(
                DirectChatException.Reason.NOT_LOADED, "Your " + network + " login " + loginId
                + " is stored but not running on this bridge now; try again in a moment."));
        return directChats.find(login, identifier, start);
    }

    @Override
    public void deletePortal(String roomId, String userId, boolean admin, java.util.function.Consumer<String> say) {
        try {
            portalCommands.deletePortal(roomId, userId, admin, say);
        } catch (Exception e) {
            throw new IllegalStateException("The portal could not be deleted completely: " + e.getMessage(), e);
        }
    }

    @Override
    public String sync(String network, String userId) {
        network(network);
        try {
            return portalCommands.sync(network, userId);
        } catch (Exception e) {
            throw new IllegalStateException("Sync stopped: " + e.getMessage(), e);
        }
    }

    @Override
    public String setRelay(String roomId, String userId) {
        return onPortal(roomId, portal -> {
            Optional<ActiveLogin> mine = senders.inPortal(portal, userId);
            if (mine.isEmpty()) {
                return "You have no " + networkName(portal) + " login in this chat, so it cannot relay here. Log in"
                        + " with an account that is in this chat, then use set-relay again.";
            }
            String loginId = mine.get().key().loginId();
            if (portal.relayLoginId().equals(Optional.of(loginId))) {
                return "Your login " + loginId + " already relays in this room.";
            }
            portals.upsert(portal.withRelayLoginId(Optional.of(loginId)));
            return "Relay mode is on: messages of Matrix users without a " + networkName(portal)
                    + " login are now sent through your login " + loginId + ", prefixed with their name.";
        });
    }

    @Override
    public String unsetRelay(String roomId, String userId, boolean admin) {
        return onPortal(roomId, portal -> {
            if (portal.relayLoginId().isEmpty()) {
                return "Relay mode is already off in this room.";
            }
            if (!admin && senders.inPortal(portal, userId).isEmpty()) {
                return "Only a user with a " + networkName(portal) + " login in this chat, or a bridge admin, can"
                        + " turn relay mode off.";
            }
            portals.upsert(portal.withRelayLoginId(Optional.empty()));
            return "Relay mode is off: Matrix users without a " + networkName(portal)
                    + " login are no longer relayed in this room.";
        });
    }

    private String onPortal(String roomId, Function<PortalRow, String> change) {
        return portals.getByRoomId(roomId).map(change).orElse(
                "This room is not a bridged chat; use this command in the chat where the relay should be.");
    }

    private String networkName(PortalRow portal) {
        Network n = networks.get(portal.key().network());
        return n == null ? portal.key().network() : n.description().displayName();
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

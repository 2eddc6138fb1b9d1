package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.core.spi.StoredLogin;
import dev.passerelle.core.store.BridgeUserStore;
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.LoginState;
import dev.passerelle.core.store.SecretUnreadableException;
import dev.passerelle.core.store.UserLoginRow;
import dev.passerelle.core.store.UserLoginStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded clients of the logins: every stored login of an enabled network (not logged out) at start, and new
 * ones as they complete. Blocks (store, connector); call from a virtual or plain thread.
 */
final class Logins {

    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);

    private final UserLoginStore store;
    private final BridgeUserStore users;
    private final LoginSink.Route route;
    private final Clock clock;
    private final Map<LoginKey, ActiveLogin> active = new ConcurrentHashMap<>();

    Logins(UserLoginStore store, BridgeUserStore users, LoginSink.Route route, Clock clock) {
        this.store = store;
        this.users = users;
        this.route = route;
        this.clock = clock;
    }

    /** Loads and connects the stored logins of {@code network}; one that cannot be read is logged and skipped. */
    void loadStored(Network network) {
        for (UserLoginRow row : store.listByNetwork(network.id())) {
            if (row.state() == LoginState.LOGGED_OUT) {
                continue;
            }
            byte[] secret;
            try {
                secret = store.secret(row.key()).orElse(new byte[0]);
            } catch (SecretUnreadableException e) {
                LOG.error("Login {} of {} is not started: {}", row.key(), row.mxid(), e.getMessage());
                continue;
            }
            load(network, row.key(), new StoredLogin(row.key().loginId(), row.mxid(), row.remoteName(), secret));
        }
    }

    /**
     * Stores a completed login (its secret sealed), then loads and connects its client; a login already loaded is
     * disconnected and replaced.
     */
    ActiveLogin add(Network network, String userId, NewLogin login) {
        LoginKey key = new LoginKey(network.id(), login.loginId());
        users.getOrCreate(userId, clock.instant());
        UserLoginRow before = store.get(key).orElse(null);
        UserLoginRow row = before == null ? UserLoginRow.loggedIn(key, userId, login.remoteName(), clock.instant())
                : new UserLoginRow(key, userId, login.remoteName(), LoginState.CONNECTED, before.spaceRoomId(),
                before.metadata(), before.createdAt(), clock.instant());
        store.upsert(row);
        store.saveSecret(key, login.secret(), clock.instant());
        Optional.ofNullable(active.remove(key)).ifPresent(old -> disconnect(old));
        LOG.info("Login {} added for {}", key, userId);
        return load(network, key, new StoredLogin(login.loginId(), userId, login.remoteName(), login.secret()));
    }

    private ActiveLogin load(Network network, LoginKey key, StoredLogin stored) {
        LoginSink sink = new LoginSink(route);
        NetworkClient client = network.connector().loadClient(stored, sink);
        ActiveLogin login = new ActiveLogin(network, key, stored.userId(), client);
        sink.attach(login);
        active.put(key, login);
        try {
            client.connect();
            LOG.info("Login {} of {} is connecting", key, stored.userId());
        } catch (RuntimeException e) {
            LOG.error("Login {} could not connect: {}", key, e.getMessage(), e);
        }
        return login;
    }

    /**
     * Records a login's new state; a login no longer stored is ignored.
     *
     * @return the state stored before, so that the caller can tell the user once per change; empty when the login
     *         is not stored
     */
    Optional<dev.passerelle.core.spi.LoginState> stateChanged(ActiveLogin login,
                                                             dev.passerelle.core.spi.LoginState state) {
        Optional<dev.passerelle.core.spi.LoginState> before = store.get(login.key())
                .map(row -> dev.passerelle.core.spi.LoginState.valueOf(row.state().name()));
        store.setState(login.key(), LoginState.valueOf(state.name()), clock.instant());
        return before;
    }

    /**
     * Ends a login: logs out on the network (as far as it answers), disconnects, and deletes the login with its
     * secret. A login that is not loaded is only deleted.
     */
    void logout(LoginKey key) {
        ActiveLogin login = active.remove(key);
        if (login != null) {
            try {
                login.client().logout();
            } catch (RuntimeException e) {
                LOG.warn("Logging {} out on the network failed ({}); it is deleted here all the same", key,
                        e.toString());
            }
            disconnect(login);
        }
        store.delete(key);
        LOG.info("Login {} logged out and deleted", key);
    }

    /** The stored login, loaded or not; empty when there is none. */
    Optional<UserLoginRow> stored(LoginKey key) {
        return store.get(key);
    }

    /** The stored logins of {@code userId} on {@code network}, loaded or not. */
    List<UserLoginRow> storedOf(String network, String userId) {
        return store.listByUser(userId).stream().filter(r -> r.key().network().equals(network)).toList();
    }

    Optional<ActiveLogin> get(LoginKey key) {
        return Optional.ofNullable(active.get(key));
    }

    List<ActiveLogin> all() {
        return List.copyOf(active.values());
    }

    /** Disconnects every client. */
    void disconnectAll() {
        for (ActiveLogin login : all()) {
            disconnect(login);
        }
        active.clear();
    }

    private static void disconnect(ActiveLogin login) {
        try {
            login.client().disconnect();
        } catch (RuntimeException e) {
            LOG.warn("Disconnecting login {} failed: {}", login.key(), e.toString());
        }
    }
}

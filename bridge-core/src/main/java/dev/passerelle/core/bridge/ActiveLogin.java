package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.store.LoginKey;

/**
 * A login whose client is loaded.
 *
 * @param network the login's network
 * @param key     network and remote account id
 * @param userId  the Matrix user who owns it
 * @param client  its connected (or connecting) client
 */
public record ActiveLogin(Network network, LoginKey key, String userId, NetworkClient client) {
}

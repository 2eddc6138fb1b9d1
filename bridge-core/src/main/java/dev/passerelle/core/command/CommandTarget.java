package dev.passerelle.core.command;

import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NewLogin;
import java.util.List;
import java.util.Optional;

/**
 * What the bot commands need from the engine; the engine implements it. Every method may block (database, network)
 * and is called from virtual threads, possibly from several at once.
 */
public interface CommandTarget {

    /** The enabled, started connectors; each one's bot answers commands for its network. Never empty at run time. */
    List<NetworkConnector> networks();

    /** The user's logins to {@code network}, in a stable order; empty when they have none. */
    List<LoginSummary> logins(String network, String userId);

    /**
     * Stores a login that has just completed, loads its client and connects it.
     *
     * @throws Exception when it cannot be stored or started; the message is shown to the user
     */
    void addLogin(String network, String userId, NewLogin login) throws Exception;

    /**
     * Logs the login out on the network (as far as possible) and deletes it with what belongs to it.
     *
     * @throws Exception when it fails; the message is shown to the user
     */
    void logout(String network, String loginId) throws Exception;

    /**
     * The network whose portal {@code roomId} is, so that a prefixed command in a portal goes to that network's bot;
     * empty for rooms that are no portal.
     */
    Optional<String> portalNetwork(String roomId);

    /**
     * The running client of a login, e.g. to look a user up with {@link NetworkClient.IdentifierResolving}; empty
     * when the login is not loaded (or the engine does not expose clients).
     */
    default Optional<NetworkClient> client(String network, String loginId) {
        return Optional.empty();
    }

    /**
     * Makes {@code userId}'s login in the portal {@code roomId} that portal's relay: messages of Matrix users
     * without a login of their own are then sent through it, prefixed with their name. Refused (and said why) when
     * the room is no portal or the user has no login in it.
     *
     * @return what to tell the user, e.g. what changed
     */
    default String setRelay(String roomId, String userId) {
        return "Relay mode is not available in this bridge.";
    }

    /**
     * Turns relay mode off in the portal {@code roomId}: allowed for a user with a login in that portal, or for any
     * {@code admin}.
     *
     * @return what to tell the user, e.g. what changed
     */
    default String unsetRelay(String roomId, String userId, boolean admin) {
        return "Relay mode is not available in this bridge.";
    }

    /**
     * Finds the network user {@code identifier} (phone number or username) with the login {@code loginId}; when
     * {@code start}, also opens the DM on the network and makes sure its portal exists with the login's user invited
     * (an existing portal is answered as it is).
     *
     * @throws DirectChatException when the network does not know the identifier, cannot look it up, or refused
     */
    default DirectChat directChat(String network, String loginId, String identifier, boolean start)
            throws DirectChatException {
        throw new DirectChatException(DirectChatException.Reason.UNSUPPORTED,
                "Starting chats is not available in this bridge.");
    }

    /**
     * Deletes the portal {@code roomId}: allowed for an {@code admin} or the portal's only user. Says through
     * {@code say} (in the room, before it is cleaned up) what happens or why it is refused; then everyone is removed
     * and the mapping forgotten.
     */
    default void deletePortal(String roomId, String userId, boolean admin, java.util.function.Consumer<String> say) {
        say.accept("Deleting portals is not available in this bridge.");
    }

    /**
     * Refreshes the info (name, topic, picture, members) of every chat of {@code userId}'s logins to
     * {@code network}; blocks until done.
     *
     * @return what to tell the user: how many chats were refreshed, and what failed
     */
    default String sync(String network, String userId) {
        return "Syncing is not available in this bridge.";
    }

    /** The bridge's version, e.g. {@code 0.1.0 (a1b2c3d)}. */
    String version();
}

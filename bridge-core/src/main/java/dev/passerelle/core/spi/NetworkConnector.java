package dev.passerelle.core.spi;

import java.util.List;

/**
 * One network. Found on the class path with {@link java.util.ServiceLoader}; the bridge starts the ones whose
 * {@link #id()} has a section under {@code networks:} in the config.
 */
public interface NetworkConnector {

    /**
     * Stable id, lower-case letters only (e.g. {@code telegram}): the config section, the database's network
     * column and the default ghost prefix all use it. Never changes once logins exist.
     */
    String id();

    /** Names and Matrix-side identities (bot, ghost and alias namespaces). */
    NetworkDescription description();

    /** What the network can carry; the engine checks it before handing a Matrix event on. */
    NetworkCapabilities capabilities();

    /**
     * Called once before anything else, with the connector's config section. May block (e.g. to load a native
     * library or start a sidecar).
     *
     * @throws ConnectorException when the connector cannot run; its message names the config key or what to install
     */
    void start(ConnectorContext context) throws ConnectorException;

    /** The ways to log in, in the order to offer them; the first is the default of the {@code login} command. */
    List<LoginFlow> loginFlows();

    /**
     * Begins a login for the Matrix user {@code userId} with one of {@link #loginFlows()}.
     *
     * @throws LoginException when the flow is unknown or cannot start now
     */
    LoginProcess startLogin(String flowId, String userId) throws LoginException;

    /**
     * The client of a stored login: built at start-up for every login, and right after a login completes. Must not
     * touch the network yet ({@link NetworkClient#connect()} does); events go to {@code sink}.
     */
    NetworkClient loadClient(StoredLogin login, RemoteEventSink sink);

    /**
     * The connector's section for the example {@code config.yaml}: YAML lines (keys at the left margin), each key
     * with a comment above it saying what it is, what it accepts and its default, or "Required." and where to get
     * the value. {@code generate-config} writes it commented out under {@code networks.<id>}.
     */
    default String exampleConfig() {
        return "";
    }

    /** Called at shutdown after every client is disconnected. */
    default void stop() {
    }
}

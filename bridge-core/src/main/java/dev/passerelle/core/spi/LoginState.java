package dev.passerelle.core.spi;

/** The health of a login, as its client reports it. */
public enum LoginState {
    /** Connecting or reconnecting; nothing to tell the user yet. */
    CONNECTING,
    /** Connected and receiving. */
    CONNECTED,
    /** Lost the connection for a passing reason; the client reconnects by itself with backoff. */
    TRANSIENT_DISCONNECT,
    /** The network no longer accepts the session (revoked, password changed): the user must log in again. */
    BAD_CREDENTIALS,
    /** The user logged out from the network's side (e.g. removed the device). */
    LOGGED_OUT,
    /** Something else went wrong; the message says what. */
    UNKNOWN_ERROR
}

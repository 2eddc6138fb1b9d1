package dev.passerelle.core.store;

/** The last known state of a login's connection to its network; shown to the user and used at startup. */
public enum LoginState {
    /** Connecting or reconnecting. */
    CONNECTING,
    /** Connected and bridging. */
    CONNECTED,
    /** Disconnected for a reason that usually passes (network trouble); the bridge retries by itself. */
    TRANSIENT_DISCONNECT,
    /** The network rejected the session; the user has to log in again. */
    BAD_CREDENTIALS,
    /** Something failed that the bridge does not understand; see the logs. */
    UNKNOWN_ERROR,
    /** The user or the network ended the session. */
    LOGGED_OUT;

    String dbValue() {
        return name().toLowerCase();
    }

    static LoginState fromDb(String value) {
        for (LoginState state : values()) {
            if (state.dbValue().equals(value)) {
                return state;
            }
        }
        throw new IllegalStateException("user_login.state holds \"" + value + "\", which this bridge version does not"
                + " know. Was the database written by a newer version?");
    }
}

package dev.passerelle.core.command;

/** Why a DM could not be found or started; the message says it to the user, the reason picks an HTTP status. */
public final class DirectChatException extends Exception {

    /** What went wrong. */
    public enum Reason {
        /** The connector cannot look users up by identifier. */
        UNSUPPORTED,
        /** No user on the network matches the identifier. */
        NOT_FOUND,
        /** The login is stored but not running. */
        NOT_LOADED,
        /** The network refused or could not be reached. */
        NETWORK
    }

    private final Reason reason;

    public DirectChatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

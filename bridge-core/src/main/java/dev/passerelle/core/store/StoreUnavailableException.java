package dev.passerelle.core.store;

/**
 * The database could not be reached or refused an operation the bridge cannot do without. The appservice answers
 * such failures with a 5xx so that the homeserver retries later; nothing is acknowledged that was not stored.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

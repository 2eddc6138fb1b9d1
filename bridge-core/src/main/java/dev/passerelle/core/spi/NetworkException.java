package dev.passerelle.core.spi;

/**
 * The network refused an action or could not be reached. The message is shown to the Matrix user as it is.
 */
public final class NetworkException extends Exception {

    private final boolean transientFailure;

    /**
     * @param transientFailure whether trying again later may work (disconnected, rate-limited); the engine retries
     *                         those before telling the user
     */
    public NetworkException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public NetworkException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}

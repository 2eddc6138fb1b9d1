package dev.passerelle.core.spi;

/** A connector cannot start; the message says what to fix (a config key, a missing binary...). */
public final class ConnectorException extends Exception {

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}

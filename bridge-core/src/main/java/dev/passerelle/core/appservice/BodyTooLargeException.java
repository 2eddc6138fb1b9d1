package dev.passerelle.core.appservice;

/** A request body over {@code appservice.max_body_bytes}; answered 413 and the connection closed. */
public final class BodyTooLargeException extends Exception {

    BodyTooLargeException(long limit) {
        super("The request body is larger than the " + limit + " bytes this bridge accepts (appservice.max_body_bytes)");
    }
}

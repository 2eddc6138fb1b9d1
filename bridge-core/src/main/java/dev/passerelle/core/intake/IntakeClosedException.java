package dev.passerelle.core.intake;

/** The bridge is shutting down and takes no more transactions; the homeserver should retry after the restart. */
public final class IntakeClosedException extends RuntimeException {

    public IntakeClosedException() {
        super("The bridge is shutting down and takes no new transactions; the homeserver will retry");
    }
}

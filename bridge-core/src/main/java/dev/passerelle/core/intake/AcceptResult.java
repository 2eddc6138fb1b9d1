package dev.passerelle.core.intake;

/** What {@link TransactionIntake#accept} did with a transaction; both are answered 200. */
public enum AcceptResult {
    /** Stored (when it had room events) and dispatched. */
    ACCEPTED,
    /** The transaction id was seen before; nothing was stored or dispatched again. */
    DUPLICATE
}

package dev.passerelle.core.intake;

/**
 * A transaction body the bridge refuses: it is answered 400 and nothing of it is stored.
 *
 * @see TransactionBody#parse(byte[])
 */
public final class InvalidTransactionException extends Exception {

    /** Why the body was refused, as a Matrix error code. */
    public enum Kind {
        /** Not JSON at all ({@code M_NOT_JSON}). */
        NOT_JSON,
        /** JSON, but not the shape of a transaction ({@code M_BAD_JSON}). */
        BAD_JSON
    }

    private final Kind kind;

    public InvalidTransactionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String errcode() {
        return kind == Kind.NOT_JSON ? "M_NOT_JSON" : "M_BAD_JSON";
    }
}

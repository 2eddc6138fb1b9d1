package dev.passerelle.core.matrix;

import java.time.Duration;
import java.util.Optional;

/**
 * A Client-Server call failed. Carries the HTTP status (0 when no answer came), the Matrix {@code errcode} (empty
 * when none) and the server's {@code error} text. The subclasses are the cases callers act on differently.
 */
public sealed class MatrixException extends RuntimeException
        permits MatrixException.TokenRejected, MatrixException.Forbidden, MatrixException.NotFound,
        MatrixException.RateLimited, MatrixException.Unreachable {

    private final String endpoint;
    private final int status;
    private final String errcode;
    private final String error;
    private final Optional<Duration> retryAfter;

    MatrixException(String message, String endpoint, int status, String errcode, String error,
                    Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
        this.status = status;
        this.errcode = errcode;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    /** The endpoint template, e.g. {@code PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}}. */
    public String endpoint() {
        return endpoint;
    }

    /** HTTP status answered; 0 when the homeserver could not be reached. */
    public int status() {
        return status;
    }

    /** The Matrix errcode, e.g. {@code M_FORBIDDEN}; empty string when the answer had none. */
    public String errcode() {
        return errcode;
    }

    /** The homeserver's human-readable {@code error}; empty string when none. */
    public String error() {
        return error;
    }

    /** The wait the homeserver asked for ({@code retry_after_ms} or {@code Retry-After}); empty when none. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /**
     * Whether this failure may mean that the homeserver is down rather than that this request went wrong: no answer
     * came at all, or a reverse proxy answered 502, 503 or 504. {@link MatrixClient#answers()} tells which.
     */
    public boolean mayMeanHomeserverDown() {
        return this instanceof Unreachable || status == 502 || status == 503 || status == 504;
    }

    /** Builds the most specific exception for an error answer. */
    /** A failure in words for a log line: its message (e.g. "Connection refused: localhost/127.0.0.1:8008"). */
    static String describe(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    static MatrixException fromAnswer(String endpoint, int status, String errcode, String error,
                                      Optional<Duration> retryAfter) {
        String detail = endpoint + " failed with HTTP " + status + (errcode.isEmpty() ? "" : " " + errcode)
                + (error.isEmpty() ? "" : ": " + error);
        if (errcode.equals("M_UNKNOWN_TOKEN") || errcode.equals("M_MISSING_TOKEN") || status == 401) {
            return new TokenRejected(endpoint, status, errcode, error, detail);
        }
        if (status == 429 || errcode.equals("M_LIMIT_EXCEEDED")) {
            return new RateLimited(detail, endpoint, status, errcode, error, retryAfter);
        }
        if (errcode.equals("M_FORBIDDEN") || status == 403) {
            return new Forbidden(detail, endpoint, status, errcode, error);
        }
        if (errcode.equals("M_NOT_FOUND") || status == 404) {
            return new NotFound(detail, endpoint, status, errcode, error);
        }
        return new MatrixException(detail, endpoint, status, errcode, error, retryAfter, null);
    }

    /** The homeserver does not accept the bridge's as_token (401, {@code M_UNKNOWN_TOKEN}/{@code M_MISSING_TOKEN}). */
    public static final class TokenRejected extends MatrixException {
        TokenRejected(String endpoint, int status, String errcode, String error, String detail) {
            super("the homeserver refused the bridge's as_token: check that registration.yaml and config.yaml carry "
                    + "the same as_token and that the homeserver loaded the registration (" + detail + ")",
                    endpoint, status, errcode, error, Optional.empty(), null);
        }
    }

    /** The acting user may not do this (403, usually {@code M_FORBIDDEN}; also {@code M_EXCLUSIVE}). */
    public static final class Forbidden extends MatrixException {
        Forbidden(String message, String endpoint, int status, String errcode, String error) {
            super(message, endpoint, status, errcode, error, Optional.empty(), null);
        }
    }

    /** The room, event, alias, profile or media does not exist (404, or {@code M_NOT_FOUND}). */
    public static final class NotFound extends MatrixException {
        NotFound(String message, String endpoint, int status, String errcode, String error) {
            super(message, endpoint, status, errcode, error, Optional.empty(), null);
        }
    }

    /** Still rate limited after the retries the policy allows (429 {@code M_LIMIT_EXCEEDED}). */
    public static final class RateLimited extends MatrixException {
        RateLimited(String message, String endpoint, int status, String errcode, String error,
                    Optional<Duration> retryAfter) {
            super(message, endpoint, status, errcode, error, retryAfter, null);
        }
    }

    /** No answer: connection refused, reset, closed or timed out, after the retries the policy allows. */
    public static final class Unreachable extends MatrixException {
        Unreachable(String address, String endpoint, int attempts, Throwable cause) {
            super("could not reach the homeserver at " + address + " (" + endpoint + ", " + attempts
                    + (attempts == 1 ? " attempt" : " attempts") + ", last error: " + describe(cause)
                    + "); check homeserver.address in config.yaml and that the "
                    + "homeserver is running and reachable from the bridge", endpoint, 0, "", "", Optional.empty(),
                    cause);
        }
    }
}

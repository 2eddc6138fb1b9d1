package dev.passerelle.messenger.graph;

import java.util.Set;

/**
 * The Graph API answered with an error object ({@code {"error": {"message", "type", "code", "error_subcode",
 * "is_transient", "fbtrace_id"}}}).
 */
public final class GraphException extends Exception {

    /** Rate limits: application (4), user (17), page (32), API-specific (613), Messenger send volume (80006). */
    private static final Set<Integer> RATE_LIMITS = Set.of(4, 17, 32, 613, 80006);

    private final int httpStatus;
    private final int code;
    private final int subcode;
    private final boolean transientFlag;

    public GraphException(int httpStatus, int code, int subcode, boolean transientFlag, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.subcode = subcode;
        this.transientFlag = transientFlag;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    public int subcode() {
        return subcode;
    }

    /** #190: the access token expired, was revoked, or the password changed. */
    public boolean isInvalidToken() {
        return code == 190 || code == 102;
    }

    /** #10 / 2018278: the person last wrote more than 24 hours ago (Meta's standard messaging window). */
    public boolean isOutsideWindow() {
        return code == 10 && subcode == 2018278;
    }

    public boolean isRateLimit() {
        return RATE_LIMITS.contains(code);
    }

    /** Worth trying again later: rate limits, Meta's "unknown"/"service" errors (#1, #2), 5xx, or flagged so. */
    public boolean isTransient() {
        return isRateLimit() || code == 1 || code == 2 || transientFlag || httpStatus >= 500;
    }
}

package dev.passerelle.core.provisioning;

import java.util.Optional;

/**
 * A provisioning request that cannot be answered as asked: the HTTP status, a stable error code and a message for
 * the person behind the client (what happened, what to do).
 *
 * @see ProvisioningApi
 */
public final class ProvisioningException extends Exception {

    private final int status;
    private final String errcode;
    private final Optional<String> processId;

    public ProvisioningException(int status, String errcode, String message) {
        this(status, errcode, message, Optional.empty());
    }

    /** @param processId a login process the client may want to act on (e.g. the one already in progress) */
    public ProvisioningException(int status, String errcode, String message, Optional<String> processId) {
        super(message, null, false, false);
        this.status = status;
        this.errcode = errcode;
        this.processId = processId;
    }

    public int status() {
        return status;
    }

    public String errcode() {
        return errcode;
    }

    public Optional<String> processId() {
        return processId;
    }
}

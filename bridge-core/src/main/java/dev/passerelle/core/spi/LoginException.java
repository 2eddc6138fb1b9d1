package dev.passerelle.core.spi;

/**
 * A login cannot go on. The message is shown to the user as it is: say what happened and what to do
 * (e.g. "Telegram asks to wait 3 hours before another code (FLOOD_WAIT): try again after 14:20").
 */
public final class LoginException extends Exception {

    private final String code;

    /** @param code a stable, namespaced error code, e.g. {@code PASSERELLE.TELEGRAM.LOGIN_TIMEOUT} */
    public LoginException(String code, String message) {
        super(message);
        this.code = code;
    }

    public LoginException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}

package dev.passerelle.whatsapp.sidecar;

/**
 * The sidecar refused a request or could not answer it.
 *
 * <p>{@link #code()} is the sidecar's error code ({@code NOT_CONNECTED}, {@code NO_SESSION}, {@code WA_404}...) or
 * one of ours: {@link #DIED} (the process died or hung before answering; the request may or may not have reached
 * WhatsApp), {@link #TIMEOUT}, {@link #VERSION}, {@link #START}.
 */
public final class SidecarException extends Exception {

    public static final String DIED = "SIDECAR_DIED";
    public static final String TIMEOUT = "SIDECAR_TIMEOUT";
    public static final String VERSION = "SIDECAR_VERSION";
    public static final String START = "SIDECAR_START";
    public static final String UNAVAILABLE = "SIDECAR_UNAVAILABLE";

    private final String code;

    public SidecarException(String code, String message) {
        super(message);
        this.code = code;
    }

    public SidecarException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether trying again later may work: the sidecar restarts, or WhatsApp is between connections. */
    public boolean isTransient() {
        return switch (code) {
            case DIED, TIMEOUT, UNAVAILABLE, "NOT_CONNECTED", "NO_SESSION", "CLOSED" -> true;
            default -> code.startsWith("WA_5") || code.equals("WA_408") || code.equals("WA_428");
        };
    }
}

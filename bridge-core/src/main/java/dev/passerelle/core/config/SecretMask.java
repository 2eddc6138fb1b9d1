package dev.passerelle.core.config;

import java.util.regex.Pattern;

/**
 * Shortens secrets for messages a person reads: enough to recognise which value is meant, never enough to use it.
 */
public final class SecretMask {

    private static final Pattern URI_PASSWORD = Pattern.compile("(://[^:/@?#]*:)([^@/?#]*)(@)");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)([^&;#]*)");

    private SecretMask() {
    }

    /** {@code abcd…(64 chars)}; values of 8 characters or fewer show none of their characters. */
    public static String mask(String secret) {
        if (secret.isEmpty()) {
            return "";
        }
        var visible = secret.length() > 8 ? secret.substring(0, 4) : "";
        return visible + "…(" + secret.length() + " chars)";
    }

    /** A database URI with the password (in the user-info part or a {@code password=} parameter) replaced. */
    public static String maskUriPassword(String uri) {
        var masked = URI_PASSWORD.matcher(uri).replaceAll("$1***$3");
        return QUERY_PASSWORD.matcher(masked).replaceAll("$1***");
    }
}

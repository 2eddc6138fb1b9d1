package dev.passerelle.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * Double puppeting, as the mautrix bridges configure it: for users of a server listed here, what they send from the
 * network's own apps appears in Matrix from their real account instead of a ghost of themselves.
 *
 * @param secrets per server name, {@code as_token:<token>}: the token of an appservice registered on that server
 *                whose (non-exclusive) user namespace covers its users, so the bridge may act as them
 */
public record DoublePuppetConfig(Map<String, String> secrets) {

    /** What a secret starts with; the rest is the appservice token. */
    public static final String AS_TOKEN_PREFIX = "as_token:";

    /** No double puppeting (what a config without the section means). */
    public static DoublePuppetConfig none() {
        return new DoublePuppetConfig(Map.of());
    }

    /** The appservice token to act as {@code userId} with; empty when their server has none. */
    public Optional<String> tokenFor(String userId) {
        int colon = userId.indexOf(':');
        if (!userId.startsWith("@") || colon < 2) {
            return Optional.empty();
        }
        String secret = secrets.get(userId.substring(colon + 1));
        if (secret == null || !secret.startsWith(AS_TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(secret.substring(AS_TOKEN_PREFIX.length()));
    }
}

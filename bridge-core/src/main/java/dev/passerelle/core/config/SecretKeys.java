package dev.passerelle.core.config;

import java.util.Set;

/** Which config keys hold secrets, so that no message or log line prints them whole. */
final class SecretKeys {

    private static final Set<String> SECRET_PATHS = Set.of("appservice.as_token", "appservice.hs_token",
            "bridge.secret_key", "provisioning.shared_secret");

    private SecretKeys() {
    }

    /** True for the tokens and the secret key, and for anything in a connector section that looks like a secret. */
    static boolean isSecret(String path) {
        if (SECRET_PATHS.contains(path) || path.startsWith("double_puppet.secrets.")) {
            return true;
        }
        var lower = path.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("networks.") && (lower.contains("token") || lower.contains("secret")
                || lower.contains("password") || lower.contains("hash") || lower.endsWith("key"));
    }
}

package dev.passerelle.core.config;

/**
 * The provisioning API: HTTP on the appservice listener with which a client (an integration manager, a web app)
 * logs users in and out without the bot, in the shape of the mautrix bridges' v3 API.
 *
 * @param enabled      whether the API is served; a config without a {@code provisioning:} section has it off
 * @param sharedSecret what a caller presents as {@code Authorization: Bearer}; at least 32 characters when enabled
 * @param prefix       the path the API's {@code /v3/...} endpoints are under, e.g. {@code /_matrix/provision}
 */
public record ProvisioningConfig(boolean enabled, String sharedSecret, String prefix) {

    /** The default {@link #prefix()}. */
    public static final String DEFAULT_PREFIX = "/_matrix/provision";

    /** The API switched off (what a config without the section gets). */
    public static ProvisioningConfig disabled() {
        return new ProvisioningConfig(false, "", DEFAULT_PREFIX);
    }
}

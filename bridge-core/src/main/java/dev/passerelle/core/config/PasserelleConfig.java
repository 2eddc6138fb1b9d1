package dev.passerelle.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The whole of {@code config.yaml}. YAML keys are the snake_case forms of the component names.
 *
 * @param networks     one opaque section per network connector ({@code telegram}, {@code whatsapp}, ...), handed as it
 *                     is to the connector with that id; the core never reads inside it
 * @param provisioning the provisioning API
 * @param doublePuppet double puppeting (the user's own account for what they send from the network's apps)
 */
public record PasserelleConfig(
        HomeserverConfig homeserver,
        AppserviceConfig appservice,
        DatabaseConfig database,
        BridgeSettings bridge,
        MetricsConfig metrics,
        LoggingConfig logging,
        Map<String, JsonNode> networks,
        ProvisioningConfig provisioning,
        DoublePuppetConfig doublePuppet) {

    /** A config with the provisioning API off: what configs written before the API existed mean. */
    public PasserelleConfig(HomeserverConfig homeserver, AppserviceConfig appservice, DatabaseConfig database,
                            BridgeSettings bridge, MetricsConfig metrics, LoggingConfig logging,
                            Map<String, JsonNode> networks) {
        this(homeserver, appservice, database, bridge, metrics, logging, networks, ProvisioningConfig.disabled());
    }

    /** A config without double puppeting: what configs written before it existed mean. */
    public PasserelleConfig(HomeserverConfig homeserver, AppserviceConfig appservice, DatabaseConfig database,
                            BridgeSettings bridge, MetricsConfig metrics, LoggingConfig logging,
                            Map<String, JsonNode> networks, ProvisioningConfig provisioning) {
        this(homeserver, appservice, database, bridge, metrics, logging, networks, provisioning,
                DoublePuppetConfig.none());
    }

    /** This config with {@code provisioning} instead of its own. */
    public PasserelleConfig withProvisioning(ProvisioningConfig provisioning) {
        return new PasserelleConfig(homeserver, appservice, database, bridge, metrics, logging, networks, provisioning,
                doublePuppet);
    }

    /** This config with {@code doublePuppet} instead of its own. */
    public PasserelleConfig withDoublePuppet(DoublePuppetConfig doublePuppet) {
        return new PasserelleConfig(homeserver, appservice, database, bridge, metrics, logging, networks, provisioning,
                doublePuppet);
    }
}

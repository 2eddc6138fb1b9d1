package dev.passerelle.core.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The value of every optional key. Keys without a sensible default (homeserver, tokens, secret key) default to
 * empty, which the validator reports as missing. The defaults are documented in {@link ExampleConfig}.
 */
public final class ConfigDefaults {

    public static final String LISTEN_HOSTNAME = "127.0.0.1";
    public static final int APPSERVICE_PORT = 29317;
    public static final int METRICS_PORT = 29318;
    public static final String APPSERVICE_ID = "passerelle";
    public static final String BOT_LOCALPART = "passerelle";
    public static final String BOT_DISPLAYNAME = "Passerelle bridge bot";
    public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
    public static final String SQLITE_FILE = "passerelle.db";
    public static final int MAX_POOL_SIZE = 10;
    public static final String COMMAND_PREFIX = "!pass";
    public static final String LOG_LEVEL = "info";

    private ConfigDefaults() {
    }

    /**
     * The defaults as a YAML tree. {@code appservice.address} and {@code database.uri} are absent: they are derived
     * from other keys after the user's values are merged in.
     */
    static ObjectNode tree() {
        var json = JsonNodeFactory.instance;
        var root = json.objectNode();
        root.putObject("homeserver").put("address", "").put("domain", "");
        root.putObject("appservice")
                .put("hostname", LISTEN_HOSTNAME)
                .put("port", APPSERVICE_PORT)
                .put("id", APPSERVICE_ID)
                .put("bot_localpart", BOT_LOCALPART)
                .put("bot_displayname", BOT_DISPLAYNAME)
                .put("as_token", "")
                .put("hs_token", "")
                .put("ephemeral_events", true)
                .put("max_body_bytes", MAX_BODY_BYTES);
        root.putObject("database").put("type", "SQLITE").put("max_pool_size", MAX_POOL_SIZE);
        var bridge = root.putObject("bridge").put("command_prefix", COMMAND_PREFIX).put("secret_key", "");
        bridge.putObject("permissions").put("*", "RELAY");
        bridge.putObject("relay").put("message_format", RelaySettings.DEFAULT_FORMAT);
        bridge.putObject("backfill").put("limit", BackfillSettings.DEFAULT_LIMIT);
        root.putObject("metrics").put("enabled", true).put("hostname", LISTEN_HOSTNAME).put("port", METRICS_PORT);
        root.putObject("logging").put("level", LOG_LEVEL).put("file", "");
        root.putObject("networks");
        root.putObject("provisioning").put("enabled", true).put("shared_secret", "")
                .put("prefix", ProvisioningConfig.DEFAULT_PREFIX);
        root.putObject("double_puppet").putObject("secrets");
        return root;
    }
}

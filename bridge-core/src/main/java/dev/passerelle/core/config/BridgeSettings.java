package dev.passerelle.core.config;

import java.util.Map;

/**
 * @param commandPrefix prefix of bot commands in portal rooms (management rooms need none)
 * @param permissions   who may do what: keys are {@code *}, a server name or a full Matrix id; the most specific
 *                      key that matches a user wins
 * @param secretKey     base64 of 32 random bytes; encrypts login secrets (session keys, cookies) at rest
 * @param relay         relay mode: how relayed messages read
 * @param backfill      history bridged into new portals
 */
public record BridgeSettings(String commandPrefix, Map<String, PermissionLevel> permissions, String secretKey,
                             RelaySettings relay, BackfillSettings backfill) {

    /** Settings with the default relay format and backfill. */
    public BridgeSettings(String commandPrefix, Map<String, PermissionLevel> permissions, String secretKey) {
        this(commandPrefix, permissions, secretKey, RelaySettings.defaults(), BackfillSettings.defaults());
    }

    /**
     * What {@code userId} may do: the level of its own id if listed, else of its server name, else of {@code *},
     * else {@link PermissionLevel#BLOCK}. A malformed id (no {@code :server}) only matches {@code *}.
     */
    public PermissionLevel levelOf(String userId) {
        PermissionLevel exact = permissions.get(userId);
        if (exact != null) {
            return exact;
        }
        int colon = userId.indexOf(':');
        if (userId.startsWith("@") && colon > 1 && colon < userId.length() - 1) {
            PermissionLevel server = permissions.get(userId.substring(colon + 1));
            if (server != null) {
                return server;
            }
        }
        return permissions.getOrDefault("*", PermissionLevel.BLOCK);
    }
}

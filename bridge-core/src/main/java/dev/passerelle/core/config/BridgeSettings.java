package dev.passerelle.core.config;

import java.util.Map;

/**
 * @param commandPrefix prefix of bot commands in portal rooms (management rooms need none)
 * @param permissions   who may do what: keys are {@code *}, a server name or a full Matrix id; the most specific
 *                      key that matches a user wins
 * @param secretKey     base64 of 32 random bytes; encrypts login secrets (session keys, cookies) at rest
 */
public record BridgeSettings(String commandPrefix, Map<String, PermissionLevel> permissions, String secretKey) {
}

package dev.passerelle.core.config;

/**
 * @param address the homeserver's Client-Server API base URL as the bridge reaches it, e.g. {@code http://localhost:8008}
 * @param domain  the server name that appears in user ids, e.g. {@code example.org}
 */
public record HomeserverConfig(String address, String domain) {
}

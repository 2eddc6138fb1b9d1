package dev.passerelle.core.store;

/**
 * Identifies a remote user, whose Matrix puppet is a ghost.
 *
 * @param network      the connector id
 * @param remoteUserId the user's id on that network, opaque to the core
 */
public record GhostKey(String network, String remoteUserId) {

    public GhostKey {
        IdChecks.requireId(network, "network");
        IdChecks.requireId(remoteUserId, "remoteUserId");
    }
}

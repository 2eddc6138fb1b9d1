package dev.passerelle.core.spi;

import java.util.Optional;

/**
 * The Matrix user ids of a network's ghosts, as the engine names them: a connector needs them to turn a mention on
 * the network into a Matrix pill, and a pill back into a mention.
 */
public interface GhostUserIds {

    /** The ghost of {@code remoteUserId}; empty where no homeserver is known (a connector run alone, in tests). */
    Optional<String> userId(String remoteUserId);

    /** The network user a ghost stands for; empty when {@code matrixUserId} is not a ghost of this network. */
    Optional<String> remoteUserId(String matrixUserId);

    /** No homeserver: no user has a ghost. */
    GhostUserIds NONE = new GhostUserIds() {
        @Override
        public Optional<String> userId(String remoteUserId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> remoteUserId(String matrixUserId) {
            return Optional.empty();
        }
    };
}

package dev.passerelle.core.command;

import java.util.Optional;

/**
 * A network user found by phone number or username, and their DM portal when it exists.
 *
 * @param remoteUserId the user on the network
 * @param name         their display name, when the network gives one
 * @param ghostUserId  the Matrix user that stands for them
 * @param roomId       the DM's portal room; empty when none exists (and none was asked for)
 * @param created      whether the portal room was created by this call
 */
public record DirectChat(String remoteUserId, Optional<String> name, String ghostUserId, Optional<String> roomId,
                         boolean created) {

    /** The name to show: their display name, else their network id. */
    public String displayName() {
        return name.orElse(remoteUserId);
    }
}

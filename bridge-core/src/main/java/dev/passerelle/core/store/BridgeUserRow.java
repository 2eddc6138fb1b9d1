package dev.passerelle.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Matrix user who has talked to the bridge. What they may do is not stored: it comes from the config each time.
 *
 * @param mxid             the user's Matrix id
 * @param managementRoomId their DM with the bridge bot, where commands need no prefix; empty until there is one
 * @param createdAt        when the bridge first saw them (kept to the millisecond)
 */
public record BridgeUserRow(String mxid, Optional<String> managementRoomId, Instant createdAt) {

    public BridgeUserRow {
        IdChecks.requireId(mxid, "mxid");
        Objects.requireNonNull(managementRoomId, "managementRoomId");
        createdAt = Millis.exact(createdAt);
    }
}

package dev.passerelle.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * That a login is in a portal, and what it has read there.
 *
 * @param login      the login
 * @param portal     the portal, on the same network
 * @param lastReadId the remote id of the last message the login has read there; empty when unknown
 * @param lastReadAt when it was read (to the millisecond)
 * @param inSpace    whether the portal room has been added to the login's personal space
 */
public record UserPortalRow(LoginKey login, PortalKey portal, Optional<String> lastReadId,
        Optional<Instant> lastReadAt, boolean inSpace) {

    public UserPortalRow {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(portal, "portal");
        if (!login.network().equals(portal.network())) {
            throw new IllegalArgumentException("login " + login + " and portal " + portal
                    + " are on different networks; a login can only be in portals of its own network");
        }
        Objects.requireNonNull(lastReadId, "lastReadId");
        lastReadAt = Millis.exact(Objects.requireNonNull(lastReadAt, "lastReadAt"));
    }

    /** Membership with nothing read yet and not in the space. */
    public static UserPortalRow joined(LoginKey login, PortalKey portal) {
        return new UserPortalRow(login, portal, Optional.empty(), Optional.empty(), false);
    }
}

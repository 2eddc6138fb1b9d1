package dev.passerelle.core.spi;

import java.util.Set;

/**
 * Optional ability of a {@link NetworkClient} whose account several Matrix users act for (e.g. a Messenger Page
 * answered by a team). The engine invites {@link #sharedWith()} to every portal of the login, besides the login's
 * owner, and carries the messages of every user {@link #isSharedWith} accepts in those portals as the login's own.
 * Users not named here see none of the login's portals.
 */
public interface SharedLogin {

    /** The Matrix user ids, besides the login's owner, to invite to the login's portals. */
    Set<String> sharedWith();

    /** Whether {@code userId} (not the owner) may act for the account in its portals. */
    boolean isSharedWith(String userId);
}

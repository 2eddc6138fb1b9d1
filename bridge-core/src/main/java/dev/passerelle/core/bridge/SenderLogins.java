package dev.passerelle.core.bridge;

import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.UserPortalStore;
import java.util.List;
import java.util.Optional;

/**
 * Which login carries a Matrix user's action in a portal: in a per-login portal its receiver, when that login is
 * the user's; in a shared portal one of the user's logins on the portal's network, preferring one that is in the
 * chat. Blocks (store); call from the portal's queue.
 */
final class SenderLogins {

    private final Logins logins;
    private final UserPortalStore userPortals;

    SenderLogins(Logins logins, UserPortalStore userPortals) {
        this.logins = logins;
        this.userPortals = userPortals;
    }

    /** The loaded login that acts for {@code userId} in {@code portal}; empty when the user has none there. */
    Optional<ActiveLogin> find(PortalRow portal, String userId) {
        String network = portal.key().network();
        if (!portal.key().isShared()) {
            return logins.get(new LoginKey(network, portal.key().receiver()))
                    .filter(l -> SharedUsers.mayAct(l, userId));
        }
        List<ActiveLogin> own = logins.all().stream()
                .filter(l -> l.key().network().equals(network) && l.userId().equals(userId))
                .sorted((a, b) -> a.key().loginId().compareTo(b.key().loginId()))
                .toList();
        return own.stream().filter(l -> userPortals.get(l.key(), portal.key()).isPresent()).findFirst()
                .or(() -> own.stream().findFirst());
    }

    /**
     * The user's loaded login that is in {@code portal}'s chat: the receiver of a per-login portal when it is
     * theirs, in a shared portal one of theirs that is a member. Empty when they have none there.
     */
    Optional<ActiveLogin> inPortal(PortalRow portal, String userId) {
        return find(portal, userId).filter(l -> !portal.key().isShared()
                || userPortals.get(l.key(), portal.key()).isPresent());
    }
}

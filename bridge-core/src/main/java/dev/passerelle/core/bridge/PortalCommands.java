package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import dev.passerelle.core.store.UserPortalStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code delete-portal} and {@code sync}: the commands that act on whole portals, each portal's work on its own
 * queue so that it never overlaps the portal's events. Blocks.
 */
final class PortalCommands {

    private static final Logger LOG = LoggerFactory.getLogger(PortalCommands.class);

    private final Map<String, Network> networks;
    private final Logins logins;
    private final PortalStore portals;
    private final UserPortalStore userPortals;
    private final PortalQueues queues;
    private final PortalRooms rooms;
    private final PortalInfoSync infoSync;
    private final PortalCleanup cleanup;
    private final PersonalSpaces spaces;

    PortalCommands(Map<String, Network> networks, Logins logins, PortalStore portals, UserPortalStore userPortals,
                   PortalQueues queues, PortalRooms rooms, PortalInfoSync infoSync, PortalCleanup cleanup,
                   PersonalSpaces spaces) {
        this.spaces = spaces;
        this.networks = networks;
        this.logins = logins;
        this.portals = portals;
        this.userPortals = userPortals;
        this.queues = queues;
        this.rooms = rooms;
        this.infoSync = infoSync;
        this.cleanup = cleanup;
    }

    void deletePortal(String roomId, String userId, boolean admin, Consumer<String> say) throws Exception {
        Optional<PortalRow> found = portals.getByRoomId(roomId);
        if (found.isEmpty() || !networks.containsKey(found.get().key().network())) {
            say.accept("This room is not a bridged chat; use delete-portal in the portal to delete.");
            return;
        }
        PortalRow portal = found.get();
        Network network = networks.get(portal.key().network());
        List<String> owners = userPortals.listByPortal(portal.key()).stream()
                .map(r -> owner(r.login())).distinct().toList();
        boolean onlyUser = owners.equals(List.of(userId));
        if (!admin && !onlyUser) {
            say.accept("Only a bridge admin, or the only user of this chat, can delete this portal: "
                    + (owners.isEmpty() ? "it has no user." : "other users are in this chat."));
            return;
        }
        say.accept("Deleting this portal: everyone leaves this room and it is no longer bridged. A new message in "
                + "this chat will open a new room.");
        queues.runAndWait(PortalQueues.forPortal(portal.key()), () -> {
            // Read again on the queue: an event before this one may have changed or ended it.
            Optional<PortalRow> now = portals.get(portal.key()).filter(p -> p.roomId().equals(portal.roomId()));
            if (now.isPresent()) {
                cleanup.delete(network, now.get(), "The portal was deleted by " + userId, true);
            }
        });
    }

    // The Matrix user of a login in the portal; a login not loaded counts as someone else.
    private String owner(LoginKey login) {
        return logins.get(login).map(ActiveLogin::userId).orElse("(login " + login + ")");
    }

    String sync(String network, String userId) throws Exception {
        List<ActiveLogin> mine = logins.all().stream()
                .filter(l -> l.network().id().equals(network) && l.userId().equals(userId)).toList();
        if (mine.isEmpty()) {
            return "You have no running " + networks.get(network).description().displayName()
                    + " login to sync; use list-logins to see their state.";
        }
        int refreshed = 0;
        List<String> failures = new ArrayList<>();
        for (ActiveLogin login : mine) {
            for (PortalRow portal : portals.listByLogin(login.key())) {
                if (portal.roomId().isEmpty()) {
                    continue;
                }
                try {
                    queues.runAndWait(PortalQueues.forPortal(portal.key()), () -> refresh(login, portal));
                    refreshed++;
                } catch (Exception e) {
                    LOG.info("sync of {} for login {} failed: {}", portal.key(), login.key(), e.toString());
                    failures.add(portal.name().orElse(portal.key().chatId()) + " (" + e.getMessage() + ")");
                }
            }
        }
        String done = "Refreshed " + refreshed + (refreshed == 1 ? " chat." : " chats.");
        return failures.isEmpty() ? done : done + " Could not refresh " + failures.size() + ": "
                + String.join(", ", failures) + "; try sync again later.";
    }

    private void refresh(ActiveLogin login, PortalRow portal) throws NetworkException {
        Optional<PortalRow> now = rooms.existing(portal.key());
        if (now.isEmpty()) {
            return; // deleted meanwhile
        }
        ChatInfo info = login.client().chatInfo(portal.key().chatId());
        infoSync.apply(login, now.get(), info);
        spaces.add(login, now.get()); // portals bridged before spaces existed join it here
    }
}

package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import dev.passerelle.core.store.UserPortalRow;
import dev.passerelle.core.store.UserPortalStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends portals: {@code delete-portal} (everyone removed) and chats gone on the network (the users keep the room and
 * its history; the bridge leaves it). Either way the room stops being bridged: its bridge info state is emptied,
 * the ghosts and the bot leave, and the mapping (messages, reactions, memberships) is forgotten, so a later event
 * of the chat makes a new portal. Blocks; call from the portal's queue.
 */
final class PortalCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(PortalCleanup.class);

    private final MatrixClient matrix;
    private final ObjectMapper mapper;
    private final PortalStore portals;
    private final UserPortalStore userPortals;
    private final PortalRooms rooms;
    private final PersonalSpaces spaces;

    PortalCleanup(MatrixClient matrix, ObjectMapper mapper, PortalStore portals, UserPortalStore userPortals,
                  PortalRooms rooms, PersonalSpaces spaces) {
        this.spaces = spaces;
        this.matrix = matrix;
        this.mapper = mapper;
        this.portals = portals;
        this.userPortals = userPortals;
        this.rooms = rooms;
    }

    /**
     * Stops bridging {@code portal}: Matrix users are kicked with {@code reason} when {@code kickUsers}, ghosts and
     * the bot leave, the mapping is forgotten. Matrix failures are logged and the cleanup goes on.
     */
    void delete(Network network, PortalRow portal, String reason, boolean kickUsers) {
        String roomId = portal.roomId().orElseThrow();
        Intent bot = matrix.intent(network.botUserId());
        for (String type : List.of(BridgeStateEvent.TYPE, BridgeStateEvent.UNSTABLE_TYPE)) {
            quietly("empty the bridge info of " + roomId, () -> bot.putState(roomId, type,
                    BridgeStateEvent.stateKey(portal.key()), mapper.createObjectNode()));
        }
        Map<String, String> members = Map.of();
        try {
            members = bot.members(roomId);
        } catch (MatrixException e) {
            LOG.warn("Could not list the members of {} to clean it up: {} {}", roomId, e.errcode(), e.error());
        }
        members.forEach((user, membership) -> {
            if (!membership.equals("join") && !membership.equals("invite") || user.equals(network.botUserId())) {
                return;
            }
            if (network.ghostIds().remoteUserId(user).isPresent()) {
                quietly(user + " leaving " + roomId, () -> matrix.intent(user).leave(roomId));
            } else if (kickUsers) {
                quietly("kick " + user + " from " + roomId, () -> bot.kick(roomId, user, Optional.of(reason)));
            }
        });
        spaces.removeEverywhere(network, portal);
        quietly("the bot leaving " + roomId, () -> bot.leave(roomId));
        portals.delete(portal.key());
        rooms.forget(portal);
        LOG.info("Portal {} of {}/{} (receiver '{}') is no longer bridged: {}", roomId, portal.key().network(),
                portal.key().chatId(), portal.key().receiver(), reason);
    }

    /**
     * The chat is gone for {@code login} on the network (deleted, or the account left it). A shared chat other
     * logins are still in keeps its portal: only this login's user is removed from it. Otherwise the users are told
     * in the room, which stops being bridged and keeps its history.
     */
    void chatGone(ActiveLogin login, PortalRow portal) {
        Network network = login.network();
        String roomId = portal.roomId().orElseThrow();
        String networkName = network.description().displayName();
        List<UserPortalRow> others = userPortals.listByPortal(portal.key()).stream()
                .filter(r -> !r.login().equals(login.key())).toList();
        Intent bot = matrix.intent(network.botUserId());
        if (portal.key().isShared() && !others.isEmpty()) {
            spaces.remove(network, login.key(), portal);
            userPortals.remove(login.key(), portal.key());
            rooms.forgetMember(login, portal);
            quietly("kick " + login.userId() + " from " + roomId, () -> bot.kick(roomId, login.userId(),
                    Optional.of("Your " + networkName + " account left this chat")));
            return;
        }
        quietly("tell " + roomId + " the chat is gone", () -> bot.sendMessage(roomId, "m.room.message",
                mapper.createObjectNode().put("msgtype", "m.notice").put("body", "This chat was deleted on "
                        + networkName + " (or your account left it), so this room is no longer bridged. Its history"
                        + " stays here."), TxnIds.of("chat-gone", portal.key(), roomId), Optional.empty()));
        delete(network, portal, "The chat was deleted on " + networkName, false);
    }

    private static void quietly(String what, Runnable call) {
        try {
            call.run();
        } catch (MatrixException e) {
            LOG.info("Could not {}: {} {}", what, e.errcode(), e.error());
        }
    }
}

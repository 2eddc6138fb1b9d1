package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.store.GhostRow;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import dev.passerelle.core.matrix.MatrixException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a chat's new facts to its existing room: name, topic and avatar state (the avatar uploaded only when
 * its remote id changed), the bridge info's channel name, members' ghosts joined and their power levels, the ghosts
 * of members who left leaving the room. Blocks;
 * call from the portal's queue.
 */
final class PortalInfoSync {

    private static final Logger LOG = LoggerFactory.getLogger(PortalInfoSync.class);

    private final MatrixClient matrix;
    private final ObjectMapper mapper;
    private final PortalStore portals;
    private final PortalRooms rooms;
    private final Ghosts ghosts;

    PortalInfoSync(MatrixClient matrix, ObjectMapper mapper, PortalStore portals, PortalRooms rooms, Ghosts ghosts) {
        this.matrix = matrix;
        this.mapper = mapper;
        this.portals = portals;
        this.rooms = rooms;
        this.ghosts = ghosts;
    }

    private static List<String> ghostsInRoom(Intent bot, Network network, String roomId) {
        try {
            return bot.members(roomId).entrySet().stream()
                    .filter(e -> e.getValue().equals("join") || e.getValue().equals("invite"))
                    .map(Map.Entry::getKey)
                    .filter(u -> network.ghostIds().remoteUserId(u).isPresent()).toList();
        } catch (MatrixException e) {
            LOG.info("Could not list the members of {}: {} {}", roomId, e.errcode(), e.error());
            return List.of();
        }
    }

    private void leave(String roomId, String ghost) {
        try {
            matrix.intent(ghost).leave(roomId);
        } catch (MatrixException e) {
            LOG.info("{} could not leave {}: {} {}", ghost, roomId, e.errcode(), e.error());
        }
        rooms.forgetJoined(roomId, ghost);
    }

    void apply(ActiveLogin login, PortalRow portal, ChatInfo info) {
        Network network = login.network();
        String roomId = portal.roomId().orElseThrow();
        Intent bot = matrix.intent(network.botUserId());
        boolean dm = info.kind() == ChatInfo.ChatKind.DM;
        PortalRow row = portal;
        if (!dm && !info.name().equals(portal.name())) {
            bot.putState(roomId, "m.room.name", "", mapper.createObjectNode().put("name", info.name().orElse("")));
            ObjectNode bridgeInfo = BridgeStateEvent.content(mapper, network, portal.key(),
                    info.name().orElse(portal.key().chatId()));
            bot.putState(roomId, BridgeStateEvent.TYPE, BridgeStateEvent.stateKey(portal.key()), bridgeInfo);
            bot.putState(roomId, BridgeStateEvent.UNSTABLE_TYPE, BridgeStateEvent.stateKey(portal.key()),
                    bridgeInfo.deepCopy());
        }
        if (!info.topic().equals(portal.topic())) {
            bot.putState(roomId, "m.room.topic", "", mapper.createObjectNode().put("topic", info.topic().orElse("")));
        }
        row = row.withInfo(dm ? portal.name() : info.name(), info.topic());
        if (!dm && info.avatar().isPresent()
                && !Optional.of(info.avatar().get().id()).equals(portal.avatarId())) {
            Optional<String> mxc = Ghosts.upload(bot, info.avatar().get(), "picture of chat " + portal.key().chatId());
            if (mxc.isPresent()) {
                bot.putState(roomId, "m.room.avatar", "", mapper.createObjectNode().put("url", mxc.get()));
                row = row.withAvatar(mxc, Optional.of(info.avatar().get().id()));
            }
        }
        ObjectNode power = bot.getState(roomId, "m.room.power_levels", "").orElseGet(mapper::createObjectNode);
        ObjectNode users = power.has("users") && power.get("users").isObject() ? (ObjectNode) power.get("users")
                : power.putObject("users");
        boolean powerChanged = false;
        Set<String> stay = new HashSet<>();
        info.dmPartner().ifPresent(p -> stay.add(network.ghostIds().mxid(p)));
        for (ChatInfo.ChatMember m : info.members()) {
            GhostRow g = ghosts.ensure(network, m.remoteUserId(), login.client());
            stay.add(g.mxid());
            rooms.ensureJoined(network, roomId, g.mxid());
            int level = PowerLevels.of(m.role());
            if (users.path(g.mxid()).asInt(0) != level) {
                if (level == 0) {
                    users.remove(g.mxid());
                } else {
                    users.put(g.mxid(), level);
                }
                powerChanged = true;
            }
        }
        // Members who left the chat: their ghosts leave the room. A connector that lists no members says nothing.
        if (!info.members().isEmpty()) {
            for (String gone : ghostsInRoom(bot, network, roomId)) {
                if (!stay.contains(gone)) {
                    leave(roomId, gone);
                    powerChanged |= users.remove(gone) != null;
                }
            }
        }
        if (powerChanged) {
            bot.putState(roomId, "m.room.power_levels", "", power);
        }
        portals.upsert(row);
    }
}

package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.store.GhostRow;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import java.util.Optional;

/**
 * Applies a chat's new facts to its existing room: name, topic and avatar state (the avatar uploaded only when
 * its remote id changed), the bridge info's channel name, members' ghosts joined and their power levels. Blocks;
 * call from the portal's queue.
 */
final class PortalInfoSync {

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
        for (ChatInfo.ChatMember m : info.members()) {
            GhostRow g = ghosts.ensure(network, m.remoteUserId(), login.client());
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
        if (powerChanged) {
            bot.putState(roomId, "m.room.power_levels", "", power);
        }
        portals.upsert(row);
    }
}

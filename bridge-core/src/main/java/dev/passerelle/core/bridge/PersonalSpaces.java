package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.CreateRoomRequest;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import dev.passerelle.core.store.UserLoginRow;
import dev.passerelle.core.store.UserLoginStore;
import dev.passerelle.core.store.UserPortalRow;
import dev.passerelle.core.store.UserPortalStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One personal space per login: an {@code m.space} room owned by the network's bot, the login's user invited,
 * holding the login's portals ({@code m.space.child} in the space, {@code m.space.parent} in the portal). Created
 * with the login's first portal; a portal is added once (remembered in {@code user_portal.in_space}). A space that
 * cannot be made or filled never stops a portal: it is logged and tried again with the next portal. A login that
 * logs out takes its space with it ({@link #dissolve}). Blocks.
 */
final class PersonalSpaces {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalSpaces.class);

    private final MatrixClient matrix;
    private final ObjectMapper mapper;
    private final UserLoginStore loginStore;
    private final UserPortalStore userPortals;
    private final PortalStore portals;
    private final Clock clock;
    /** One lock per login, so that two portals created at once make one space. */
    private final Map<LoginKey, Object> locks = new ConcurrentHashMap<>();

    PersonalSpaces(MatrixClient matrix, ObjectMapper mapper, UserLoginStore loginStore, UserPortalStore userPortals,
                   PortalStore portals, Clock clock) {
        this.portals = portals;
        this.matrix = matrix;
        this.mapper = mapper;
        this.loginStore = loginStore;
        this.userPortals = userPortals;
        this.clock = clock;
    }

    /** Puts {@code portal} in {@code login}'s space (making the space first when it has none). */
    void add(ActiveLogin login, PortalRow portal) {
        Optional<UserPortalRow> membership = userPortals.get(login.key(), portal.key());
        if (membership.isEmpty() || membership.get().inSpace() || portal.roomId().isEmpty()) {
            return;
        }
        try {
            String space = space(login);
            String roomId = portal.roomId().get();
            Intent bot = matrix.intent(login.network().botUserId());
            bot.putState(space, "m.space.child", roomId, via());
            bot.putState(roomId, "m.space.parent", space, via().put("canonical", true));
            userPortals.setInSpace(login.key(), portal.key(), true);
        } catch (MatrixException e) {
            LOG.warn("Could not add portal {} to the space of login {}: {} {}", portal.roomId().get(), login.key(),
                    e.errcode(), e.error());
        }
    }

    /** Takes {@code portal} out of the spaces it is in (before it stops being bridged); failures are logged. */
    void removeEverywhere(Network network, PortalRow portal) {
        for (UserPortalRow member : userPortals.listByPortal(portal.key())) {
            remove(network, member, portal);
        }
    }

    /** Takes {@code portal} out of {@code login}'s space. */
    void remove(Network network, LoginKey login, PortalRow portal) {
        userPortals.get(login, portal.key()).ifPresent(member -> remove(network, member, portal));
    }

    private void remove(Network network, UserPortalRow member, PortalRow portal) {
        if (!member.inSpace() || portal.roomId().isEmpty()) {
            return;
        }
        Optional<String> space = loginStore.get(member.login()).flatMap(UserLoginRow::spaceRoomId);
        if (space.isEmpty()) {
            return;
        }
        try {
            // An m.space.child with empty content is how a child is removed.
            matrix.intent(network.botUserId()).putState(space.get(), "m.space.child", portal.roomId().get(),
                    mapper.createObjectNode());
        } catch (MatrixException e) {
            LOG.info("Could not take {} out of space {}: {} {}", portal.roomId().get(), space.get(), e.errcode(),
                    e.error());
        }
    }

    /**
     * The login logs out: its space goes, as mautrix bridges delete theirs. The portals leave it (child and parent
     * links emptied; the rooms themselves stay with the user and their history), the user is removed from it with
     * the reason, and the bot leaves, so no empty space stays in the user's list. Call before the login is deleted;
     * failures are logged and the logout goes on.
     */
    void dissolve(Network network, LoginKey login, String userId) {
        Optional<String> found = loginStore.get(login).flatMap(UserLoginRow::spaceRoomId);
        if (found.isEmpty()) {
            return;
        }
        String space = found.get();
        Intent bot = matrix.intent(network.botUserId());
        for (UserPortalRow member : userPortals.listByLogin(login)) {
            Optional<String> room = member.inSpace() ? portals.get(member.portal()).flatMap(PortalRow::roomId)
                    : Optional.empty();
            if (room.isPresent()) {
                quietly("take " + room.get() + " out of space " + space, () -> bot.putState(space, "m.space.child",
                        room.get(), mapper.createObjectNode()));
                quietly("unlink " + room.get() + " from space " + space, () -> bot.putState(room.get(),
                        "m.space.parent", space, mapper.createObjectNode()));
            }
        }
        String networkName = network.description().displayName();
        quietly("remove " + userId + " from space " + space, () -> bot.kick(space, userId, Optional.of("You logged "
                + "out of " + networkName + "; your chats stay in their rooms")));
        quietly("leave space " + space, () -> bot.leave(space));
        LOG.info("The personal space {} of login {} is dissolved (logout)", space, login);
    }

    private static void quietly(String what, Runnable call) {
        try {
            call.run();
        } catch (MatrixException e) {
            LOG.info("Could not {}: {} {}", what, e.errcode(), e.error());
        }
    }

    private String space(ActiveLogin login) {
        synchronized (locks.computeIfAbsent(login.key(), k -> new Object())) {
            UserLoginRow row = loginStore.get(login.key()).orElseThrow(() -> new IllegalStateException(
                    "login " + login.key() + " is not stored"));
            if (row.spaceRoomId().isPresent()) {
                return row.spaceRoomId().get();
            }
            Network network = login.network();
            ObjectNode power = mapper.createObjectNode();
            power.putObject("users").put(network.botUserId(), 100);
            power.put("events_default", 100).put("invite", 100);
            String space = matrix.intent(network.botUserId()).createRoom(CreateRoomRequest.empty()
                    .withCreationContent(mapper.createObjectNode().put("type", "m.space"))
                    .withName(network.description().displayName() + " (" + row.remoteName() + ")")
                    .withTopic("Your " + network.description().displayName() + " chats, bridged by Passerelle")
                    .withPreset("private_chat").withVisibility("private")
                    .withInvites(List.of(login.userId()), false).withPowerLevelOverride(power));
            loginStore.setSpaceRoomId(login.key(), space, clock.instant());
            LOG.info("Created the personal space {} of login {}", space, login.key());
            return space;
        }
    }

    private ObjectNode via() {
        ObjectNode content = mapper.createObjectNode();
        content.putArray("via").add(matrix.serverName());
        return content;
    }
}

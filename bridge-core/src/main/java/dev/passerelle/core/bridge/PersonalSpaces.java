package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.CreateRoomRequest;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.PortalRow;
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
 * cannot be made or filled never stops a portal: it is logged and tried again with the next portal. Blocks.
 */
final class PersonalSpaces {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalSpaces.class);

    private final MatrixClient matrix;
    private final ObjectMapper mapper;
    private final UserLoginStore loginStore;
    private final UserPortalStore userPortals;
    private final Clock clock;
    /** One lock per login, so that two portals created at once make one space. */
    private final Map<LoginKey, Object> locks = new ConcurrentHashMap<>();

    PersonalSpaces(MatrixClient matrix, ObjectMapper mapper, UserLoginStore loginStore, UserPortalStore userPortals,
                   Clock clock) {
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

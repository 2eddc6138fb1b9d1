package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.CreateRoomRequest;
import dev.passerelle.core.matrix.CreateRoomRequest.StateEvent;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.store.GhostRow;
import dev.passerelle.core.store.PortalKey;
import dev.passerelle.core.store.PortalKind;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import dev.passerelle.core.store.UserPortalStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Portal rooms: created by the network's bot on a chat's first event, with name, topic, avatar, the bridge info
 * state, power levels from the network's roles, the login's Matrix user invited ({@code is_direct} for DMs) and
 * the members' ghosts joined. Another login that sees a shared chat is invited to the same room. Blocks; call from
 * the portal's queue (one portal's calls never overlap).
 */
final class PortalRooms {

    private static final Logger LOG = LoggerFactory.getLogger(PortalRooms.class);

    private final MatrixClient matrix;
    private final ObjectMapper mapper;
    private final PortalStore portals;
    private final UserPortalStore userPortals;
    private final Ghosts ghosts;
    private final Clock clock;
    /** "room|user" pairs known to be joined, to skip an invite + join per message. */
    private final Set<String> joined = ConcurrentHashMap.newKeySet();
    /** "login|portal" memberships known to be stored. */
    private final Set<String> memberships = ConcurrentHashMap.newKeySet();
    /** Told of each new portal, on its queue, before the event that created it is bridged (backfill). */
    private volatile Created created = (login, portal) -> { };
    /** Told when a login joins a portal that existed already (e.g. a shared group another login bridged first). */
    private volatile Created memberAdded = (login, portal) -> { };

    /** What happens right after a portal room is created; runs on the portal's queue and may block. */
    interface Created {
        void created(ActiveLogin login, PortalRow portal);
    }

    PortalRooms(MatrixClient matrix, ObjectMapper mapper, PortalStore portals, UserPortalStore userPortals,
                Ghosts ghosts, Clock clock) {
        this.matrix = matrix;
        this.mapper = mapper;
        this.portals = portals;
        this.userPortals = userPortals;
        this.ghosts = ghosts;
        this.clock = clock;
    }

    /**
     * The portal of {@code key} with its room; the room is created when the chat is new (from {@code info}, or the
     * chat info fetched from the login's client when empty), and the login's user invited when new to it.
     */
    PortalRow ensure(ActiveLogin login, PortalKey key, Optional<ChatInfo> info) throws NetworkException {
        Optional<PortalRow> known = portals.get(key).filter(p -> p.roomId().isPresent());
        if (known.isPresent()) {
            addMember(login, known.get());
            return known.get();
        }
        ChatInfo chat = info.isPresent() ? info.get() : login.client().chatInfo(key.chatId());
        return create(login, key, chat);
    }

    /** Sets what to do after each portal creation (set once, at start, before any event). */
    void onCreated(Created listener) {
        this.created = listener;
    }

    /** Sets what to do when a login joins an existing portal (set once, at start, before any event). */
    void onMemberAdded(Created listener) {
        this.memberAdded = listener;
    }

    /** The portal if its room exists; empty for a chat never bridged. */
    Optional<PortalRow> existing(PortalKey key) {
        return portals.get(key).filter(p -> p.roomId().isPresent());
    }

    private PortalRow create(ActiveLogin login, PortalKey key, ChatInfo chat) {
        Network network = login.network();
        Intent bot = matrix.intent(network.botUserId());
        Map<String, Integer> members = new LinkedHashMap<>();
        Map<String, GhostRow> ghostRows = new LinkedHashMap<>();
        for (ChatInfo.ChatMember m : chat.members()) {
            GhostRow g = ghosts.ensure(network, m.remoteUserId(), login.client());
            ghostRows.put(m.remoteUserId(), g);
            members.put(g.mxid(), PowerLevels.of(m.role()));
        }
        Optional<GhostRow> partner = chat.dmPartner().map(p -> ghostRows.containsKey(p) ? ghostRows.get(p)
                : ghosts.ensure(network, p, login.client()));
        partner.ifPresent(p -> members.putIfAbsent(p.mxid(), 0));
        boolean dm = chat.kind() == ChatInfo.ChatKind.DM;
        Optional<String> name = dm ? partner.flatMap(GhostRow::name).or(chat::name) : chat.name();
        Optional<String> avatarMxc = Optional.empty();
        Optional<String> avatarId = Optional.empty();
        if (dm) {
            avatarMxc = partner.flatMap(GhostRow::avatarMxc);
            avatarId = partner.flatMap(GhostRow::avatarId);
        } else if (chat.avatar().isPresent()) {
            avatarMxc = Ghosts.upload(bot, chat.avatar().get(), "picture of chat " + key.chatId());
            avatarId = avatarMxc.map(m -> chat.avatar().get().id());
        }
        List<StateEvent> state = new ArrayList<>();
        ObjectNode bridgeInfo = BridgeStateEvent.content(mapper, network, key, name.orElse(key.chatId()));
        state.add(new StateEvent(BridgeStateEvent.TYPE, BridgeStateEvent.stateKey(key), bridgeInfo));
        state.add(new StateEvent(BridgeStateEvent.UNSTABLE_TYPE, BridgeStateEvent.stateKey(key), bridgeInfo.deepCopy()));
        avatarMxc.ifPresent(mxc -> state.add(new StateEvent("m.room.avatar", "",
                mapper.createObjectNode().put("url", mxc))));
        List<String> invites = new ArrayList<>();
        invites.addAll(SharedUsers.of(login));
        invites.addAll(members.keySet());
        CreateRoomRequest request = CreateRoomRequest.empty().withPreset("private_chat").withVisibility("private")
                .withInvites(invites, dm).withInitialState(state)
                .withPowerLevelOverride(PowerLevels.override(mapper, network.botUserId(), members, chat.kind()));
        if (name.isPresent()) {
            request = request.withName(name.get());
        }
        if (chat.topic().isPresent()) {
            request = request.withTopic(chat.topic().get());
        }
        String roomId = bot.createRoom(request);
        LOG.info("Created portal room {} for {}/{} (receiver '{}', {})", roomId, key.network(), key.chatId(),
                key.receiver(), chat.kind());
        PortalRow row = new PortalRow(key, Optional.of(roomId), kind(chat.kind()), name, chat.topic(), avatarMxc,
                avatarId, dm ? chat.dmPartner() : Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), clock.instant());
        portals.upsert(row);
        for (String ghost : members.keySet()) {
            joinInvited(roomId, ghost);
        }
        joined.add(roomId + "|" + network.botUserId());
        userPortals.add(login.key(), key);
        memberships.add(login.key() + "|" + key);
        created.created(login, row);
        return row;
    }

    /** Makes sure {@code userId} (a ghost) is joined, inviting it first; cached per room. */
    void ensureJoined(Network network, String roomId, String userId) {
        if (joined.contains(roomId + "|" + userId)) {
            return;
        }
        try {
            matrix.intent(network.botUserId()).invite(roomId, userId);
        } catch (MatrixException e) {
            // Already invited or joined: the join below settles it.
            LOG.debug("Invite of {} to {} answered {}", userId, roomId, e.errcode());
        }
        joinInvited(roomId, userId);
    }

    private void joinInvited(String roomId, String userId) {
        matrix.intent(userId).join(roomId);
        joined.add(roomId + "|" + userId);
    }

    private void addMember(ActiveLogin login, PortalRow portal) {
        String marker = login.key() + "|" + portal.key();
        if (memberships.contains(marker)) {
            return;
        }
        if (userPortals.add(login.key(), portal.key())) {
            for (String user : SharedUsers.of(login)) {
                try {
                    matrix.intent(login.network().botUserId()).invite(portal.roomId().orElseThrow(), user);
                    LOG.info("Invited {} to portal {} (login {})", user, portal.roomId().orElseThrow(), login.key());
                } catch (MatrixException e) {
                    LOG.info("Could not invite {} to {}: {} {}", user, portal.roomId().orElseThrow(), e.errcode(),
                            e.error());
                }
            }
            memberAdded.created(login, portal);
        }
        memberships.add(marker);
    }

    /** Forgets what is cached about a portal that is no longer bridged. */
    void forget(PortalRow portal) {
        String roomId = portal.roomId().orElseThrow();
        joined.removeIf(k -> k.startsWith(roomId + "|"));
        memberships.removeIf(k -> k.endsWith("|" + portal.key()));
    }

    /** Forgets that {@code login} is in {@code portal} (its user was removed). */
    void forgetMember(ActiveLogin login, PortalRow portal) {
        memberships.remove(login.key() + "|" + portal.key());
    }

    /** Forgets that {@code userId} is joined to {@code roomId} (it left). */
    void forgetJoined(String roomId, String userId) {
        joined.remove(roomId + "|" + userId);
    }

    static PortalKind kind(ChatInfo.ChatKind kind) {
        return switch (kind) {
            case DM -> PortalKind.DM;
            case GROUP -> PortalKind.GROUP;
            case CHANNEL -> PortalKind.CHANNEL;
        };
    }
}

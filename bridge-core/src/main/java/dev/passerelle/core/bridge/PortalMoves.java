package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.store.PortalKey;
import dev.passerelle.core.store.PortalMoveStore;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chats that move to another id ({@link RemoteEvent.PortalMoved}: a Telegram group upgraded to a supergroup). The
 * portal follows into its room: it answers for the new id, its bridge info says so, and the events of the old id
 * (edits, deletions, reactions of the messages sent before the move) still reach the room, on the new portal's
 * queue. When the new id already has a portal of its own (its first message came before the move was known), the
 * rooms are not merged: the old room gets a tombstone pointing at the new one and a notice, and stops being a
 * portal. Routing never blocks; following a move blocks (call it from the portal's queue).
 */
final class PortalMoves {

    private static final Logger LOG = LoggerFactory.getLogger(PortalMoves.class);
    /** A chat that moves again and again is followed this many times; more is surely a loop. */
    private static final int MAX_HOPS = 16;

    private final MatrixClient matrix;
    private final ObjectMapper mapper;
    private final PortalMoveStore store;
    private final PortalStore portals;
    private final PortalRooms rooms;
    private final Clock clock;
    /** Old portal key → the key it moved to; read on the connectors' threads. */
    private final Map<PortalKey, PortalKey> moved = new ConcurrentHashMap<>();

    PortalMoves(MatrixClient matrix, ObjectMapper mapper, PortalMoveStore store, PortalStore portals,
                PortalRooms rooms, Clock clock) {
        this.matrix = matrix;
        this.mapper = mapper;
        this.store = store;
        this.portals = portals;
        this.rooms = rooms;
        this.clock = clock;
    }

    /** Reads the moves followed before (at start, before any event). Blocks on the store. */
    void load() {
        store.list().forEach(m -> moved.put(m.from(), m.to()));
        if (!moved.isEmpty()) {
            LOG.info("{} moved chats are followed to their new ids", moved.size());
        }
    }

    /** The key whose queue and portal the events of {@code key} go to now: {@code key} when it never moved. */
    PortalKey current(PortalKey key) {
        PortalKey at = key;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            PortalKey next = moved.get(at);
            if (next == null) {
                return at;
            }
            at = next;
        }
        return at;
    }

    /**
     * Where {@code key} moved to, when it did and its old row (with the messages from before the move) is still
     * stored; empty otherwise. Blocks on the store for moved keys only.
     */
    Optional<PortalKey> movedTo(PortalKey key) {
        if (!moved.containsKey(key)) {
            return Optional.empty();
        }
        if (portals.get(key).isEmpty()) {
            // The portal it moved to was deleted, and the old row with it: the old id is a chat like any other.
            moved.remove(key);
            return Optional.empty();
        }
        return Optional.of(current(key));
    }

    /**
     * The portal that answers for the moved chat {@code old}, seen under the old key: its room is the current
     * portal's, while messages are looked up and stored under the ids they had before the move. Empty when the
     * current portal has no room.
     */
    Optional<PortalRow> existing(PortalKey old, PortalKey now) {
        return rooms.existing(now).map(p -> seenAs(p, old));
    }

    /** Like {@link #existing}, creating the current portal's room when it has none (it was deleted meanwhile). */
    PortalRow ensure(ActiveLogin login, PortalKey old, PortalKey now) throws NetworkException {
        return seenAs(rooms.ensure(login, now, Optional.<ChatInfo>empty()), old);
    }

    /**
     * Follows {@code move} of the portal {@code from}: nothing when it has no room (never bridged, or followed
     * already). Matrix first, then the store, so that a crash in between does it all again on replay.
     */
    void follow(ActiveLogin login, PortalKey from, RemoteEvent.PortalMoved move) throws NetworkException {
        Optional<PortalRow> old = rooms.existing(from);
        if (old.isEmpty()) {
            LOG.debug("Chat {}/{} moved to {}: it has no portal; nothing to do", from.network(), from.chatId(),
                    move.newChatId());
            return;
        }
        PortalKey to = new PortalKey(from.network(), move.newChatId(), from.receiver());
        if (to.equals(from)) {
            return;
        }
        Optional<PortalRow> existing = rooms.existing(to);
        Network network = login.network();
        String oldRoom = old.get().roomId().orElseThrow();
        Intent bot = matrix.intent(network.botUserId());
        if (existing.isEmpty()) {
            String name = old.get().name().orElse(to.chatId());
            var info = BridgeStateEvent.content(mapper, network, to, name);
            // The new chat id is announced before the old one goes, so the room never announces neither.
            for (String type : List.of(BridgeStateEvent.TYPE, BridgeStateEvent.UNSTABLE_TYPE)) {
                bot.putState(oldRoom, type, BridgeStateEvent.stateKey(to), info.deepCopy());
            }
            for (String type : List.of(BridgeStateEvent.TYPE, BridgeStateEvent.UNSTABLE_TYPE)) {
                quietly("empty the old bridge info of " + oldRoom, () -> bot.putState(oldRoom, type,
                        BridgeStateEvent.stateKey(from), mapper.createObjectNode()));
            }
            store.follow(from, move.newChatId(), clock.instant());
            moved.put(from, to);
            LOG.info("Portal {} of {}/{} (receiver '{}') moved to chat {} and keeps its room", oldRoom,
                    from.network(), from.chatId(), from.receiver(), to.chatId());
            return;
        }
        String newRoom = existing.get().roomId().orElseThrow();
        bot.putState(oldRoom, "m.room.tombstone", "", mapper.createObjectNode()
                .put("body", "This chat continues in another room.").put("replacement_room", newRoom));
        quietly("tell " + oldRoom + " the chat moved", () -> bot.sendMessage(oldRoom, "m.room.message",
                mapper.createObjectNode().put("msgtype", "m.notice").put("body", "This chat moved on "
                        + network.description().displayName() + " (for example a group that became a supergroup) "
                        + "and continues in another room: https://matrix.to/#/" + newRoom + " . This room keeps its "
                        + "history but is no longer bridged."),
                TxnIds.of("moved", from, move.newChatId()), Optional.empty()));
        for (String type : List.of(BridgeStateEvent.TYPE, BridgeStateEvent.UNSTABLE_TYPE)) {
            quietly("empty the bridge info of " + oldRoom, () -> bot.putState(oldRoom, type,
                    BridgeStateEvent.stateKey(from), mapper.createObjectNode()));
        }
        store.retire(from, move.newChatId(), clock.instant());
        moved.put(from, to);
        // This login's user is invited to the room that goes on; other logins' users are on their next event there.
        rooms.ensure(login, to, Optional.empty());
        LOG.info("Chat {}/{} (receiver '{}') moved to {}, which had its own room {} already: room {} is tombstoned "
                + "into it", from.network(), from.chatId(), from.receiver(), to.chatId(), newRoom, oldRoom);
    }

    private static PortalRow seenAs(PortalRow portal, PortalKey key) {
        return new PortalRow(key, portal.roomId(), portal.kind(), portal.name(), portal.topic(), portal.avatarMxc(),
                portal.avatarId(), portal.dmUserId(), portal.parentChatId(), portal.relayLoginId(),
                portal.metadata(), portal.createdAt());
    }

    private static void quietly(String what, Runnable call) {
        try {
            call.run();
        } catch (MatrixException e) {
            LOG.info("Could not {}: {} {}", what, e.errcode(), e.error());
        }
    }
}

package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.PORTAL;
import static dev.passerelle.core.store.jooq.Tables.PORTAL_MOVE;
import static dev.passerelle.core.store.jooq.Tables.USER_PORTAL;

import dev.passerelle.core.store.jooq.tables.records.PortalRecord;
import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@code portal_move} table: chats that moved to another id, and the moves themselves. A moved portal's old row
 * stays without a room and keeps the messages bridged before the move under the ids the network knows them by;
 * deleting that row (or the portal it moved to, see {@link PortalStore#delete}) forgets the move. Every method
 * blocks; call from virtual threads.
 */
public final class PortalMoveStore {

    private final DSLContext dsl;

    public PortalMoveStore(Database database) {
        this.dsl = database.dsl();
    }

    /**
     * The portal {@code from} now answers for {@code newChatId}, in one transaction: a row for the new id takes its
     * room and everything known about it, its memberships and child chats follow, and the old row keeps its messages
     * without a room. No portal may exist under the new id yet.
     *
     * @return false (nothing changed) when {@code from} has no room: never bridged, or moved already
     */
    public boolean follow(PortalKey from, String newChatId, Instant at) {
        PortalMove move = new PortalMove(from, newChatId, at);
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            PortalRecord old = tx.selectFrom(PORTAL).where(portal(from)).fetchOne();
            if (old == null || old.getRoomId() == null) {
                return false;
            }
            PortalKey to = move.to();
            PortalRecord moved = old.copy();
            moved.setNetwork(to.network());
            moved.setChatId(to.chatId());
            moved.setReceiver(to.receiver());
            moved.setRoomId(old.getRoomId());
            moved.setCreatedAt(old.getCreatedAt());
            moved.changed(true);
            // The room is unique: the old row lets go of it first.
            tx.update(PORTAL).set(PORTAL.ROOM_ID, (String) null).where(portal(from)).execute();
            tx.insertInto(PORTAL).set(moved).execute();
            tx.update(USER_PORTAL).set(USER_PORTAL.CHAT_ID, to.chatId())
                    .where(USER_PORTAL.NETWORK.eq(from.network()).and(USER_PORTAL.CHAT_ID.eq(from.chatId()))
                            .and(USER_PORTAL.RECEIVER.eq(from.receiver())))
                    .execute();
            tx.update(PORTAL).set(PORTAL.PARENT_CHAT_ID, to.chatId())
                    .where(PORTAL.NETWORK.eq(from.network()).and(PORTAL.RECEIVER.eq(from.receiver()))
                            .and(PORTAL.PARENT_CHAT_ID.eq(from.chatId())))
                    .execute();
            record(tx, move);
            return true;
        });
    }

    /**
     * The portal {@code from} is replaced by the existing portal of {@code newChatId} (whose room stays): in one
     * transaction the old row lets go of its room and its memberships (each login joins the new portal on its next
     * event there) and keeps its messages.
     *
     * @return false (nothing changed) when {@code from} has no room: never bridged, or replaced already
     */
    public boolean retire(PortalKey from, String newChatId, Instant at) {
        PortalMove move = new PortalMove(from, newChatId, at);
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            PortalRecord old = tx.selectFrom(PORTAL).where(portal(from)).fetchOne();
            if (old == null || old.getRoomId() == null) {
                return false;
            }
            tx.update(PORTAL).set(PORTAL.ROOM_ID, (String) null).where(portal(from)).execute();
            tx.deleteFrom(USER_PORTAL).where(USER_PORTAL.NETWORK.eq(from.network())
                    .and(USER_PORTAL.CHAT_ID.eq(from.chatId())).and(USER_PORTAL.RECEIVER.eq(from.receiver())))
                    .execute();
            record(tx, move);
            return true;
        });
    }

    /** Every move, oldest first (the engine routes events of old chat ids with them); empty when none. */
    public List<PortalMove> list() {
        return dsl.selectFrom(PORTAL_MOVE).orderBy(PORTAL_MOVE.MOVED_AT, PORTAL_MOVE.OLD_CHAT_ID)
                .fetch(r -> new PortalMove(new PortalKey(r.getNetwork(), r.getOldChatId(), r.getReceiver()),
                        r.getNewChatId(), Millis.toInstant(r.getMovedAt())));
    }

    private static void record(DSLContext tx, PortalMove move) {
        PortalKey from = move.from();
        tx.insertInto(PORTAL_MOVE)
                .set(PORTAL_MOVE.NETWORK, from.network())
                .set(PORTAL_MOVE.OLD_CHAT_ID, from.chatId())
                .set(PORTAL_MOVE.RECEIVER, from.receiver())
                .set(PORTAL_MOVE.NEW_CHAT_ID, move.newChatId())
                .set(PORTAL_MOVE.MOVED_AT, Millis.of(move.movedAt()))
                .onConflict(PORTAL_MOVE.NETWORK, PORTAL_MOVE.OLD_CHAT_ID, PORTAL_MOVE.RECEIVER)
                .doUpdate().set(Excluded.of(PORTAL_MOVE.NEW_CHAT_ID, PORTAL_MOVE.MOVED_AT))
                .execute();
    }

    private static Condition portal(PortalKey key) {
        return PORTAL.NETWORK.eq(key.network()).and(PORTAL.CHAT_ID.eq(key.chatId()))
                .and(PORTAL.RECEIVER.eq(key.receiver()));
    }
}

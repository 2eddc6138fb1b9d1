package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.PORTAL;
import static dev.passerelle.core.store.jooq.Tables.PORTAL_MOVE;
import static dev.passerelle.core.store.jooq.Tables.USER_PORTAL;

import dev.passerelle.core.store.jooq.tables.records.PortalRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@code portal} table: remote chats and their Matrix rooms. Deleting a portal deletes its messages, their
 * reactions and its memberships. Every method blocks; call from virtual threads.
 */
public final class PortalStore {

    private static final String GET = HotStatements.selectWhere(PORTAL,
            List.of(PORTAL.NETWORK, PORTAL.CHAT_ID, PORTAL.RECEIVER));

    private final DSLContext dsl;

    public PortalStore(Database database) {
        this.dsl = database.dsl();
    }

    /** The portal, or empty when the chat has never been stored. */
    public Optional<PortalRow> get(PortalKey key) {
        // Run for every bridged event: SQL written once (see HotStatements).
        return HotStatements.fetchOne(dsl, PORTAL, GET, key.network(), key.chatId(), key.receiver())
                .map(PortalStore::toRow);
    }

    /** The portal bridged to this Matrix room, or empty when the room is no portal. */
    public Optional<PortalRow> getByRoomId(String roomId) {
        return dsl.selectFrom(PORTAL).where(PORTAL.ROOM_ID.eq(roomId)).fetchOptional().map(PortalStore::toRow);
    }

    /**
     * Stores the portal or updates everything but its creation time. Fails with a jOOQ {@code DataAccessException}
     * when another portal already has the same room.
     */
    public void upsert(PortalRow row) {
        PortalRecord record = new PortalRecord();
        record.setNetwork(row.key().network());
        record.setChatId(row.key().chatId());
        record.setReceiver(row.key().receiver());
        record.setRoomId(row.roomId().orElse(null));
        record.setKind(row.kind().dbValue());
        record.setName(row.name().orElse(null));
        record.setTopic(row.topic().orElse(null));
        record.setAvatarMxc(row.avatarMxc().orElse(null));
        record.setAvatarId(row.avatarId().orElse(null));
        record.setDmUserId(row.dmUserId().orElse(null));
        record.setParentChatId(row.parentChatId().orElse(null));
        record.setRelayLoginId(row.relayLoginId().orElse(null));
        record.setMetadata(row.metadata().orElse(null));
        record.setCreatedAt(Millis.of(row.createdAt()));
        dsl.insertInto(PORTAL).set(record)
                .onConflict(PORTAL.NETWORK, PORTAL.CHAT_ID, PORTAL.RECEIVER)
                .doUpdate().set(Excluded.of(PORTAL.ROOM_ID, PORTAL.KIND, PORTAL.NAME, PORTAL.TOPIC, PORTAL.AVATAR_MXC,
                        PORTAL.AVATAR_ID, PORTAL.DM_USER_ID, PORTAL.PARENT_CHAT_ID, PORTAL.RELAY_LOGIN_ID,
                        PORTAL.METADATA))
                .execute();
    }

    /**
     * Portals whose receiver is this login (its per-login chats, such as DMs), oldest first; empty when none. For
     * every portal the login is in, shared ones included, see {@link #listByLogin}.
     */
    public List<PortalRow> listByReceiver(LoginKey login) {
        return dsl.selectFrom(PORTAL)
                .where(PORTAL.NETWORK.eq(login.network()).and(PORTAL.RECEIVER.eq(login.loginId())))
                .orderBy(PORTAL.CREATED_AT, PORTAL.CHAT_ID)
                .fetch(PortalStore::toRow);
    }

    /** Portals the login is a member of (through {@code user_portal}), oldest first; empty when none. */
    public List<PortalRow> listByLogin(LoginKey login) {
        return dsl.select(PORTAL.fields()).from(PORTAL).join(USER_PORTAL)
                .on(USER_PORTAL.NETWORK.eq(PORTAL.NETWORK).and(USER_PORTAL.CHAT_ID.eq(PORTAL.CHAT_ID))
                        .and(USER_PORTAL.RECEIVER.eq(PORTAL.RECEIVER)))
                .where(USER_PORTAL.NETWORK.eq(login.network()).and(USER_PORTAL.LOGIN_ID.eq(login.loginId())))
                .orderBy(PORTAL.CREATED_AT, PORTAL.CHAT_ID, PORTAL.RECEIVER)
                .fetch(r -> toRow(r.into(PORTAL)));
    }

    /** Portals whose parent chat is {@code parent} (same network and receiver), oldest first; empty when none. */
    public List<PortalRow> listChildren(PortalKey parent) {
        return dsl.selectFrom(PORTAL)
                .where(PORTAL.NETWORK.eq(parent.network()).and(PORTAL.RECEIVER.eq(parent.receiver()))
                        .and(PORTAL.PARENT_CHAT_ID.eq(parent.chatId())))
                .orderBy(PORTAL.CREATED_AT, PORTAL.CHAT_ID)
                .fetch(PortalStore::toRow);
    }

    /**
     * Deletes the portal with its messages, reactions and memberships, and the rows of the chat ids it moved from
     * (see {@link PortalMoveStore}); false when it was not stored.
     */
    public boolean delete(PortalKey key) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            List<String> movedFrom = tx.select(PORTAL_MOVE.OLD_CHAT_ID).from(PORTAL_MOVE)
                    .where(PORTAL_MOVE.NETWORK.eq(key.network()).and(PORTAL_MOVE.NEW_CHAT_ID.eq(key.chatId()))
                            .and(PORTAL_MOVE.RECEIVER.eq(key.receiver())))
                    .fetch(PORTAL_MOVE.OLD_CHAT_ID);
            for (String old : movedFrom) {
                tx.deleteFrom(PORTAL).where(matches(new PortalKey(key.network(), old, key.receiver()))).execute();
            }
            return tx.deleteFrom(PORTAL).where(matches(key)).execute() > 0;
        });
    }

    private static Condition matches(PortalKey key) {
        return PORTAL.NETWORK.eq(key.network()).and(PORTAL.CHAT_ID.eq(key.chatId()))
                .and(PORTAL.RECEIVER.eq(key.receiver()));
    }

    private static PortalRow toRow(PortalRecord r) {
        return new PortalRow(new PortalKey(r.getNetwork(), r.getChatId(), r.getReceiver()),
                Optional.ofNullable(r.getRoomId()), PortalKind.fromDb(r.getKind()), Optional.ofNullable(r.getName()),
                Optional.ofNullable(r.getTopic()), Optional.ofNullable(r.getAvatarMxc()),
                Optional.ofNullable(r.getAvatarId()), Optional.ofNullable(r.getDmUserId()),
                Optional.ofNullable(r.getParentChatId()), Optional.ofNullable(r.getRelayLoginId()),
                Optional.ofNullable(r.getMetadata()), Millis.toInstant(r.getCreatedAt()));
    }
}

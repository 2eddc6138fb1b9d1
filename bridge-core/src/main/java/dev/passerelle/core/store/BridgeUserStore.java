package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.BRIDGE_USER;

import dev.passerelle.core.store.jooq.tables.records.BridgeUserRecord;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** The {@code bridge_user} table: Matrix users the bridge knows. Every method blocks; call from virtual threads. */
public final class BridgeUserStore {

    private final DSLContext dsl;

    public BridgeUserStore(Database database) {
        this.dsl = database.dsl();
    }

    /** The user, or empty when the bridge has never stored them. */
    public Optional<BridgeUserRow> get(String mxid) {
        return dsl.selectFrom(BRIDGE_USER).where(BRIDGE_USER.MXID.eq(mxid)).fetchOptional().map(BridgeUserStore::toRow);
    }

    /** The user whose management room this is, or empty when it is no management room. */
    public Optional<BridgeUserRow> getByManagementRoom(String roomId) {
        return dsl.selectFrom(BRIDGE_USER).where(BRIDGE_USER.MANAGEMENT_ROOM_ID.eq(roomId)).fetchOptional()
                .map(BridgeUserStore::toRow);
    }

    /** The stored user, stored first (created {@code now}, no management room) when absent. Idempotent. */
    public BridgeUserRow getOrCreate(String mxid, Instant now) {
        dsl.insertInto(BRIDGE_USER)
                .set(BRIDGE_USER.MXID, mxid)
                .set(BRIDGE_USER.CREATED_AT, Millis.of(now))
                .onConflictDoNothing()
                .execute();
        return get(mxid).orElseThrow(() -> new IllegalStateException("bridge_user " + mxid + " vanished after insert"));
    }

    /**
     * Sets or clears the user's management room.
     *
     * @return false when the user is not stored
     */
    public boolean setManagementRoom(String mxid, Optional<String> roomId) {
        return dsl.update(BRIDGE_USER).set(BRIDGE_USER.MANAGEMENT_ROOM_ID, roomId.orElse(null))
                .where(BRIDGE_USER.MXID.eq(mxid)).execute() > 0;
    }

    /** Forgets the user and, with them, all their logins; false when there was no such user. */
    public boolean delete(String mxid) {
        return dsl.deleteFrom(BRIDGE_USER).where(BRIDGE_USER.MXID.eq(mxid)).execute() > 0;
    }

    private static BridgeUserRow toRow(BridgeUserRecord r) {
        return new BridgeUserRow(r.getMxid(), Optional.ofNullable(r.getManagementRoomId()),
                Millis.toInstant(r.getCreatedAt()));
    }
}

package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.GHOST;

import dev.passerelle.core.store.jooq.tables.records.GhostRecord;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** The {@code ghost} table: remote users and their Matrix puppets. Every method blocks; call from virtual threads. */
public final class GhostStore {

    private final DSLContext dsl;

    public GhostStore(Database database) {
        this.dsl = database.dsl();
    }

    /** The ghost, or empty when the remote user has never been stored. */
    public Optional<GhostRow> get(GhostKey key) {
        return dsl.selectFrom(GHOST).where(matches(key)).fetchOptional().map(GhostStore::toRow);
    }

    /** The ghost with this Matrix id, or empty when the id belongs to no stored ghost. */
    public Optional<GhostRow> getByMxid(String mxid) {
        return dsl.selectFrom(GHOST).where(GHOST.MXID.eq(mxid)).fetchOptional().map(GhostStore::toRow);
    }

    /**
     * Stores the ghost or updates all its columns. Fails with a jOOQ {@code DataAccessException} when another
     * remote user already has the same Matrix id.
     */
    public void upsert(GhostRow row) {
        GhostRecord record = new GhostRecord();
        record.setNetwork(row.key().network());
        record.setRemoteUserId(row.key().remoteUserId());
        record.setMxid(row.mxid());
        record.setName(row.name().orElse(null));
        record.setAvatarMxc(row.avatarMxc().orElse(null));
        record.setAvatarId(row.avatarId().orElse(null));
        record.setProfileFetchedAt(Millis.ofOptional(row.profileFetchedAt()));
        record.setMetadata(row.metadata().orElse(null));
        dsl.insertInto(GHOST).set(record)
                .onConflict(GHOST.NETWORK, GHOST.REMOTE_USER_ID)
                .doUpdate().set(Excluded.of(GHOST.MXID, GHOST.NAME, GHOST.AVATAR_MXC, GHOST.AVATAR_ID,
                        GHOST.PROFILE_FETCHED_AT, GHOST.METADATA))
                .execute();
    }

    /** Forgets the ghost; false when it was not stored. */
    public boolean delete(GhostKey key) {
        return dsl.deleteFrom(GHOST).where(matches(key)).execute() > 0;
    }

    private static Condition matches(GhostKey key) {
        return GHOST.NETWORK.eq(key.network()).and(GHOST.REMOTE_USER_ID.eq(key.remoteUserId()));
    }

    private static GhostRow toRow(GhostRecord r) {
        return new GhostRow(new GhostKey(r.getNetwork(), r.getRemoteUserId()), r.getMxid(),
                Optional.ofNullable(r.getName()), Optional.ofNullable(r.getAvatarMxc()),
                Optional.ofNullable(r.getAvatarId()), Millis.toOptional(r.getProfileFetchedAt()),
                Optional.ofNullable(r.getMetadata()));
    }
}

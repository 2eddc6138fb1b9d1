package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.USER_LOGIN;

import dev.passerelle.core.store.jooq.tables.records.UserLoginRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The {@code user_login} table: remote accounts and their sessions. A session secret is handed in and out as
 * plaintext bytes but stored only sealed by the {@link SecretBox}, bound to its row. Every method blocks; call from
 * virtual threads.
 */
public final class UserLoginStore {

    private final DSLContext dsl;
    private final SecretBox secrets;

    public UserLoginStore(Database database, SecretBox secrets) {
        this.dsl = database.dsl();
        this.secrets = secrets;
    }

    /** The login, or empty when it is not stored. */
    public Optional<UserLoginRow> get(LoginKey key) {
        return dsl.selectFrom(USER_LOGIN).where(matches(key)).fetchOptional().map(UserLoginStore::toRow);
    }

    /** The logins a Matrix user owns, on all networks, oldest first; empty when none. */
    public List<UserLoginRow> listByUser(String mxid) {
        return dsl.selectFrom(USER_LOGIN).where(USER_LOGIN.MXID.eq(mxid))
                .orderBy(USER_LOGIN.CREATED_AT, USER_LOGIN.NETWORK, USER_LOGIN.LOGIN_ID)
                .fetch(UserLoginStore::toRow);
    }

    /** All logins of one network, oldest first (the clients to start at startup); empty when none. */
    public List<UserLoginRow> listByNetwork(String network) {
        return dsl.selectFrom(USER_LOGIN).where(USER_LOGIN.NETWORK.eq(network))
                .orderBy(USER_LOGIN.CREATED_AT, USER_LOGIN.LOGIN_ID)
                .fetch(UserLoginStore::toRow);
    }

    /**
     * Stores the login or updates everything but its creation time and its secret. The owner must be stored in
     * {@code bridge_user} first. A login moving to another Matrix user is an update like any other.
     */
    public void upsert(UserLoginRow row) {
        UserLoginRecord record = new UserLoginRecord();
        record.setNetwork(row.key().network());
        record.setLoginId(row.key().loginId());
        record.setMxid(row.mxid());
        record.setRemoteName(row.remoteName());
        record.setState(row.state().dbValue());
        record.setSpaceRoomId(row.spaceRoomId().orElse(null));
        record.setMetadata(row.metadata().orElse(null));
        record.setCreatedAt(Millis.of(row.createdAt()));
        record.setUpdatedAt(Millis.of(row.updatedAt()));
        dsl.insertInto(USER_LOGIN).set(record)
                .onConflict(USER_LOGIN.NETWORK, USER_LOGIN.LOGIN_ID)
                .doUpdate().set(Excluded.of(USER_LOGIN.MXID, USER_LOGIN.REMOTE_NAME, USER_LOGIN.STATE,
                        USER_LOGIN.SPACE_ROOM_ID, USER_LOGIN.METADATA, USER_LOGIN.UPDATED_AT))
                .execute();
    }

    /** Records a new connection state; false when the login is not stored. */
    public boolean setState(LoginKey key, LoginState state, Instant now) {
        return dsl.update(USER_LOGIN).set(USER_LOGIN.STATE, state.dbValue()).set(USER_LOGIN.UPDATED_AT, Millis.of(now))
                .where(matches(key)).execute() > 0;
    }

    /** Records the login's personal space; false when the login is not stored. */
    public boolean setSpaceRoomId(LoginKey key, String roomId, Instant now) {
        return dsl.update(USER_LOGIN).set(USER_LOGIN.SPACE_ROOM_ID, roomId).set(USER_LOGIN.UPDATED_AT, Millis.of(now))
                .where(matches(key)).execute() > 0;
    }

    /** Seals and stores the login's session secret, replacing the old one; false when the login is not stored. */
    public boolean saveSecret(LoginKey key, byte[] secret, Instant now) {
        String sealed = secrets.seal(secret, boundTo(key));
        return dsl.update(USER_LOGIN).set(USER_LOGIN.SECRET, sealed).set(USER_LOGIN.UPDATED_AT, Millis.of(now))
                .where(matches(key)).execute() > 0;
    }

    /**
     * The login's session secret, decrypted; empty when the login or its secret is not stored.
     *
     * @throws SecretUnreadableException when it cannot be decrypted (another {@code bridge.secret_key}, changed data)
     */
    public Optional<byte[]> secret(LoginKey key) {
        return dsl.select(USER_LOGIN.SECRET).from(USER_LOGIN).where(matches(key)).fetchOptional(USER_LOGIN.SECRET)
                .map(sealed -> secrets.open(sealed, boundTo(key), "login secret for " + key));
    }

    /** Forgets the session secret (at logout) but keeps the login; false when the login is not stored. */
    public boolean clearSecret(LoginKey key, Instant now) {
        return dsl.update(USER_LOGIN).setNull(USER_LOGIN.SECRET).set(USER_LOGIN.UPDATED_AT, Millis.of(now))
                .where(matches(key)).execute() > 0;
    }

    /** Deletes the login, its secret and its portal memberships; false when it was not stored. */
    public boolean delete(LoginKey key) {
        return dsl.deleteFrom(USER_LOGIN).where(matches(key)).execute() > 0;
    }

    // The row's identity is authenticated with the secret: sealed data copied to another login does not open.
    static String boundTo(LoginKey key) {
        return "user_login/" + key.network() + "/" + key.loginId();
    }

    private static org.jooq.Condition matches(LoginKey key) {
        return USER_LOGIN.NETWORK.eq(key.network()).and(USER_LOGIN.LOGIN_ID.eq(key.loginId()));
    }

    private static UserLoginRow toRow(UserLoginRecord r) {
        return new UserLoginRow(new LoginKey(r.getNetwork(), r.getLoginId()), r.getMxid(), r.getRemoteName(),
                LoginState.fromDb(r.getState()), Optional.ofNullable(r.getSpaceRoomId()),
                Optional.ofNullable(r.getMetadata()), Millis.toInstant(r.getCreatedAt()),
                Millis.toInstant(r.getUpdatedAt()));
    }
}

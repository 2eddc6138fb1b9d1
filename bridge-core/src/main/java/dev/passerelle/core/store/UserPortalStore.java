package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.USER_PORTAL;

import dev.passerelle.core.store.jooq.tables.records.UserPortalRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The {@code user_portal} table: which logins are in which portals, and their read markers. Memberships go when
 * their login or portal goes. Every method blocks; call from virtual threads.
 */
public final class UserPortalStore {

    private final DSLContext dsl;

    public UserPortalStore(Database database) {
        this.dsl = database.dsl();
    }

    /** The membership, or empty when the login is not known to be in the portal. */
    public Optional<UserPortalRow> get(LoginKey login, PortalKey portal) {
        return dsl.selectFrom(USER_PORTAL).where(matches(login, portal)).fetchOptional().map(UserPortalStore::toRow);
    }

    /**
     * Records that the login is in the portal, keeping what is known when it was recorded before. Both must be
     * stored.
     *
     * @return true when the membership is new
     */
    public boolean add(LoginKey login, PortalKey portal) {
        UserPortalRow row = UserPortalRow.joined(login, portal); // checks that both are on one network
        return dsl.insertInto(USER_PORTAL).set(toRecord(row)).onConflictDoNothing().execute() > 0;
    }

    /** Stores the membership or replaces its read marker and space flag. Both login and portal must be stored. */
    public void upsert(UserPortalRow row) {
        dsl.insertInto(USER_PORTAL).set(toRecord(row))
                .onConflict(USER_PORTAL.NETWORK, USER_PORTAL.LOGIN_ID, USER_PORTAL.CHAT_ID, USER_PORTAL.RECEIVER)
                .doUpdate().set(Excluded.of(USER_PORTAL.LAST_READ_ID, USER_PORTAL.LAST_READ_AT, USER_PORTAL.IN_SPACE))
                .execute();
    }

    /** Moves the login's read marker to {@code remoteMessageId}; false when the membership is not stored. */
    public boolean markRead(LoginKey login, PortalKey portal, String remoteMessageId, Instant readAt) {
        return dsl.update(USER_PORTAL).set(USER_PORTAL.LAST_READ_ID, remoteMessageId)
                .set(USER_PORTAL.LAST_READ_AT, Millis.of(readAt))
                .where(matches(login, portal)).execute() > 0;
    }

    /** Records whether the portal room is in the login's space; false when the membership is not stored. */
    public boolean setInSpace(LoginKey login, PortalKey portal, boolean inSpace) {
        return dsl.update(USER_PORTAL).set(USER_PORTAL.IN_SPACE, inSpace)
                .where(matches(login, portal)).execute() > 0;
    }

    /** The login's memberships; empty when it is in no portal. */
    public List<UserPortalRow> listByLogin(LoginKey login) {
        return dsl.selectFrom(USER_PORTAL)
                .where(USER_PORTAL.NETWORK.eq(login.network()).and(USER_PORTAL.LOGIN_ID.eq(login.loginId())))
                .orderBy(USER_PORTAL.CHAT_ID, USER_PORTAL.RECEIVER)
                .fetch(UserPortalStore::toRow);
    }

    /** The memberships in a portal (which logins can act there); empty when none. */
    public List<UserPortalRow> listByPortal(PortalKey portal) {
        return dsl.selectFrom(USER_PORTAL).where(inPortal(portal))
                .orderBy(USER_PORTAL.LOGIN_ID)
                .fetch(UserPortalStore::toRow);
    }

    /** Records that the login left the portal; false when it was not known to be in it. */
    public boolean remove(LoginKey login, PortalKey portal) {
        return dsl.deleteFrom(USER_PORTAL).where(matches(login, portal)).execute() > 0;
    }

    private static Condition inPortal(PortalKey portal) {
        return USER_PORTAL.NETWORK.eq(portal.network()).and(USER_PORTAL.CHAT_ID.eq(portal.chatId()))
                .and(USER_PORTAL.RECEIVER.eq(portal.receiver()));
    }

    private static Condition matches(LoginKey login, PortalKey portal) {
        return inPortal(portal).and(USER_PORTAL.LOGIN_ID.eq(login.loginId()))
                .and(USER_PORTAL.NETWORK.eq(login.network()));
    }

    private static UserPortalRecord toRecord(UserPortalRow row) {
        UserPortalRecord record = new UserPortalRecord();
        record.setNetwork(row.login().network());
        record.setLoginId(row.login().loginId());
        record.setChatId(row.portal().chatId());
        record.setReceiver(row.portal().receiver());
        record.setLastReadId(row.lastReadId().orElse(null));
        record.setLastReadAt(Millis.ofOptional(row.lastReadAt()));
        record.setInSpace(row.inSpace());
        return record;
    }

    private static UserPortalRow toRow(UserPortalRecord r) {
        return new UserPortalRow(new LoginKey(r.getNetwork(), r.getLoginId()),
                new PortalKey(r.getNetwork(), r.getChatId(), r.getReceiver()), Optional.ofNullable(r.getLastReadId()),
                Millis.toOptional(r.getLastReadAt()), r.getInSpace());
    }
}

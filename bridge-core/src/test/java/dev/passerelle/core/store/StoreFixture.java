package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.BRIDGE_USER;
import static dev.passerelle.core.store.jooq.Tables.GHOST;
import static dev.passerelle.core.store.jooq.Tables.KV;
import static dev.passerelle.core.store.jooq.Tables.MESSAGE;
import static dev.passerelle.core.store.jooq.Tables.MESSAGE_EDIT;
import static dev.passerelle.core.store.jooq.Tables.PORTAL;
import static dev.passerelle.core.store.jooq.Tables.PORTAL_MOVE;
import static dev.passerelle.core.store.jooq.Tables.REACTION;
import static dev.passerelle.core.store.jooq.Tables.USER_LOGIN;
import static dev.passerelle.core.store.jooq.Tables.USER_PORTAL;

import dev.passerelle.testkit.db.TestDatabase;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Table;

/** Every mapping store on a migrated test database with empty mapping tables, and rows most tests hang data on. */
final class StoreFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123Z");
    static final String ALICE = "@alice:example.org";
    static final LoginKey ALICE_TELEGRAM = new LoginKey("telegram", "12345");
    static final PortalKey GROUP = PortalKey.shared("telegram", "-100777");
    static final PortalKey DM = PortalKey.perLogin(ALICE_TELEGRAM, "999");

    final Database database;
    final SecretBox secretBox;
    final BridgeUserStore users;
    final UserLoginStore logins;
    final PortalStore portals;
    final GhostStore ghosts;
    final MessageStore messages;
    final ReactionStore reactions;
    final UserPortalStore userPortals;
    final KvStore kv;
    final PortalMoveStore moves;
    final MessageEditStore edits;

    private StoreFixture(Database database, SecretBox secretBox) {
        this.database = database;
        this.secretBox = secretBox;
        this.users = new BridgeUserStore(database);
        this.logins = new UserLoginStore(database, secretBox);
        this.portals = new PortalStore(database);
        this.ghosts = new GhostStore(database);
        this.messages = new MessageStore(database);
        this.reactions = new ReactionStore(database);
        this.userPortals = new UserPortalStore(database);
        this.kv = new KvStore(database);
        this.moves = new PortalMoveStore(database);
        this.edits = new MessageEditStore(database);
    }

    /** Opens (and on first use migrates) the database and empties the mapping tables, children first. */
    static StoreFixture open(TestDatabase db) {
        Database database = TestStores.open(db);
        DSLContext dsl = database.dsl();
        for (Table<?> table : List.of(REACTION, MESSAGE_EDIT, MESSAGE, USER_PORTAL, PORTAL_MOVE, PORTAL, GHOST, USER_LOGIN, BRIDGE_USER, KV)) {
            dsl.deleteFrom(table).execute();
        }
        return new StoreFixture(database, SecretBox.fromBase64Key(randomKey()));
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Alice, her Telegram login, a shared group and her DM portal, both with rooms. */
    StoreFixture seeded() {
        users.getOrCreate(ALICE, T0);
        logins.upsert(UserLoginRow.loggedIn(ALICE_TELEGRAM, ALICE, "+44 7700 900123", T0));
        portals.upsert(PortalRow.discovered(GROUP, PortalKind.GROUP, T0).withRoomId("!group:example.org"));
        portals.upsert(PortalRow.discovered(DM, PortalKind.DM, T0).withRoomId("!dm:example.org"));
        return this;
    }

    /** A single-part message in {@code portal}, its event id derived from the message id. */
    MessageRow message(PortalKey portal, String messageId, Instant sentAt) {
        return MessageRow.of(MessageKey.single(portal, messageId), "!room:example.org",
                "$" + portal.chatId() + "_" + portal.receiver() + "_" + messageId, "555", "@telegram_555:example.org",
                sentAt);
    }

    @Override
    public void close() {
        database.close();
    }
}

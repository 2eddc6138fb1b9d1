package dev.passerelle.core.store;

import static dev.passerelle.core.store.StoreFixture.ALICE;
import static dev.passerelle.core.store.StoreFixture.ALICE_TELEGRAM;
import static dev.passerelle.core.store.StoreFixture.T0;
import static dev.passerelle.core.store.jooq.Tables.USER_LOGIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserLoginStoreTest {

    private static final byte[] SESSION = "{\"auth_key\":\"c2Vzc2lvbi1rZXk=\",\"dc\":2}".getBytes(StandardCharsets.UTF_8);
    private static final LoginKey ALICE_WHATSAPP = new LoginKey("whatsapp", "447700900123@s.whatsapp.net");

    // One database of each kind for the whole class (each test starts from emptied tables): creating and dropping
    // a PostgreSQL database per test costs about a second each.
    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void upsertUpdatesEverythingButTheCreationTime(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            UserLoginRow first = f.logins.get(ALICE_TELEGRAM).orElseThrow();
            assertEquals(UserLoginRow.loggedIn(ALICE_TELEGRAM, ALICE, "+44 7700 900123", T0), first);

            UserLoginRow later = new UserLoginRow(ALICE_TELEGRAM, ALICE, "Alice A.", LoginState.BAD_CREDENTIALS,
                    Optional.of("!space:example.org"), Optional.of("{\"dc\":4}"), T0.plusSeconds(99),
                    T0.plusSeconds(100));
            f.logins.upsert(later);
            f.logins.upsert(later);
            UserLoginRow stored = f.logins.get(ALICE_TELEGRAM).orElseThrow();
            assertEquals(T0, stored.createdAt());
            assertEquals(new UserLoginRow(ALICE_TELEGRAM, ALICE, "Alice A.", LoginState.BAD_CREDENTIALS,
                    Optional.of("!space:example.org"), Optional.of("{\"dc\":4}"), T0, T0.plusSeconds(100)), stored);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void loginsAreListedByUserAndByNetwork(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            f.users.getOrCreate("@bob:example.org", T0);
            f.logins.upsert(UserLoginRow.loggedIn(ALICE_WHATSAPP, ALICE, "+44 7700 900123", T0.plusSeconds(1)));
            LoginKey bobs = new LoginKey("telegram", "777");
            f.logins.upsert(UserLoginRow.loggedIn(bobs, "@bob:example.org", "Bob", T0.plusSeconds(2)));

            assertEquals(List.of(ALICE_TELEGRAM, ALICE_WHATSAPP), keys(f.logins.listByUser(ALICE)));
            assertEquals(List.of(ALICE_TELEGRAM, bobs), keys(f.logins.listByNetwork("telegram")));
            assertEquals(List.of(), f.logins.listByUser("@carol:example.org"));

            assertTrue(f.logins.setState(bobs, LoginState.LOGGED_OUT, T0.plusSeconds(3)));
            assertEquals(LoginState.LOGGED_OUT, f.logins.get(bobs).orElseThrow().state());
            assertFalse(f.logins.setState(new LoginKey("telegram", "404"), LoginState.CONNECTED, T0));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLoginNeedsAStoredOwner(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            assertThrows(DataAccessException.class,
                    () -> f.logins.upsert(UserLoginRow.loggedIn(ALICE_TELEGRAM, ALICE, "Alice", T0)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void secretComesBackAsPlaintextButIsStoredSealed(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            assertEquals(Optional.empty(), f.logins.secret(ALICE_TELEGRAM));
            assertTrue(f.logins.saveSecret(ALICE_TELEGRAM, SESSION, T0));
            assertArrayEquals(SESSION, f.logins.secret(ALICE_TELEGRAM).orElseThrow());

            String raw = rawSecret(f, ALICE_TELEGRAM);
            assertFalse(raw.contains("auth_key"), raw);
            assertFalse(raw.contains(Base64.getEncoder().encodeToString(SESSION)), raw);
            assertFalse(new String(Base64.getDecoder().decode(raw), StandardCharsets.ISO_8859_1).contains("auth_key"));

            // Updating the login's other columns leaves the secret alone.
            f.logins.upsert(UserLoginRow.loggedIn(ALICE_TELEGRAM, ALICE, "Alice", T0.plusSeconds(5)));
            assertArrayEquals(SESSION, f.logins.secret(ALICE_TELEGRAM).orElseThrow());

            assertTrue(f.logins.clearSecret(ALICE_TELEGRAM, T0.plusSeconds(6)));
            assertEquals(Optional.empty(), f.logins.secret(ALICE_TELEGRAM));
            assertTrue(f.logins.get(ALICE_TELEGRAM).isPresent());
            assertFalse(f.logins.saveSecret(new LoginKey("telegram", "404"), SESSION, T0));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSecretCopiedToAnotherLoginDoesNotOpen(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            f.logins.upsert(UserLoginRow.loggedIn(ALICE_WHATSAPP, ALICE, "+44 7700 900123", T0));
            f.logins.saveSecret(ALICE_TELEGRAM, SESSION, T0);
            f.logins.saveSecret(ALICE_WHATSAPP, "other".getBytes(StandardCharsets.UTF_8), T0);
            f.database.dsl().update(USER_LOGIN).set(USER_LOGIN.SECRET, rawSecret(f, ALICE_TELEGRAM))
                    .where(USER_LOGIN.NETWORK.eq("whatsapp")).execute();

            SecretUnreadableException e = assertThrows(SecretUnreadableException.class,
                    () -> f.logins.secret(ALICE_WHATSAPP));
            assertTrue(e.getMessage().startsWith("login secret for whatsapp/447700900123@s.whatsapp.net could not be "
                    + "decrypted: the bridge.secret_key differs from the one it was stored with, or the data was "
                    + "changed"), e.getMessage());
            assertArrayEquals(SESSION, f.logins.secret(ALICE_TELEGRAM).orElseThrow());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anotherSecretKeyCannotReadStoredSecrets(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            f.logins.saveSecret(ALICE_TELEGRAM, SESSION, T0);
            UserLoginStore withOtherKey = new UserLoginStore(f.database,
                    SecretBox.fromBase64Key(StoreFixture.randomKey()));
            SecretUnreadableException e = assertThrows(SecretUnreadableException.class,
                    () -> withOtherKey.secret(ALICE_TELEGRAM));
            assertTrue(e.getMessage().startsWith("login secret for telegram/12345 could not be decrypted: it was "
                    + "stored with a different bridge.secret_key"), e.getMessage());
            assertFalse(e.getMessage().contains("auth_key"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletingALoginRemovesItsMembershipsButNotThePortals(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            f.userPortals.add(ALICE_TELEGRAM, StoreFixture.GROUP);
            assertTrue(f.logins.delete(ALICE_TELEGRAM));
            assertEquals(Optional.empty(), f.logins.get(ALICE_TELEGRAM));
            assertEquals(List.of(), f.userPortals.listByPortal(StoreFixture.GROUP));
            assertTrue(f.portals.get(StoreFixture.GROUP).isPresent());
            assertFalse(f.logins.delete(ALICE_TELEGRAM));
        }
    }

    private static String rawSecret(StoreFixture f, LoginKey key) {
        return f.database.dsl().select(USER_LOGIN.SECRET).from(USER_LOGIN)
                .where(USER_LOGIN.NETWORK.eq(key.network()).and(USER_LOGIN.LOGIN_ID.eq(key.loginId())))
                .fetchSingle(USER_LOGIN.SECRET);
    }

    private static List<LoginKey> keys(List<UserLoginRow> rows) {
        return rows.stream().map(UserLoginRow::key).toList();
    }
}

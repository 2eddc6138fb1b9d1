package dev.passerelle.core.store;

import static dev.passerelle.core.store.StoreFixture.ALICE;
import static dev.passerelle.core.store.StoreFixture.ALICE_TELEGRAM;
import static dev.passerelle.core.store.StoreFixture.DM;
import static dev.passerelle.core.store.StoreFixture.GROUP;
import static dev.passerelle.core.store.StoreFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserPortalStoreTest {

    private static final LoginKey BOB_TELEGRAM = new LoginKey("telegram", "777");

    // One database of each kind for the whole class (each test starts from emptied tables): creating and dropping
    // a PostgreSQL database per test costs about a second each.
    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void addingAgainKeepsTheReadMarkerAndSpaceFlag(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            assertTrue(f.userPortals.add(ALICE_TELEGRAM, GROUP));
            assertTrue(f.userPortals.markRead(ALICE_TELEGRAM, GROUP, "m42", T0));
            assertTrue(f.userPortals.setInSpace(ALICE_TELEGRAM, GROUP, true));
            assertFalse(f.userPortals.add(ALICE_TELEGRAM, GROUP));
            assertEquals(Optional.of(new UserPortalRow(ALICE_TELEGRAM, GROUP, Optional.of("m42"), Optional.of(T0), true)),
                    f.userPortals.get(ALICE_TELEGRAM, GROUP));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void upsertReplacesTheMarkers(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            UserPortalRow read = new UserPortalRow(ALICE_TELEGRAM, DM, Optional.of("m1"), Optional.of(T0), false);
            f.userPortals.upsert(read);
            UserPortalRow later = new UserPortalRow(ALICE_TELEGRAM, DM, Optional.of("m2"), Optional.of(T0.plusSeconds(1)),
                    true);
            f.userPortals.upsert(later);
            assertEquals(Optional.of(later), f.userPortals.get(ALICE_TELEGRAM, DM));
            assertFalse(f.userPortals.markRead(BOB_TELEGRAM, DM, "m3", T0));
            assertFalse(f.userPortals.setInSpace(BOB_TELEGRAM, DM, true));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void membershipsAreListedByLoginAndByPortal(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            f.users.getOrCreate("@bob:example.org", T0);
            f.logins.upsert(UserLoginRow.loggedIn(BOB_TELEGRAM, "@bob:example.org", "Bob", T0));
            f.userPortals.add(ALICE_TELEGRAM, GROUP);
            f.userPortals.add(ALICE_TELEGRAM, DM);
            f.userPortals.add(BOB_TELEGRAM, GROUP);

            assertEquals(List.of(GROUP, DM),
                    f.userPortals.listByLogin(ALICE_TELEGRAM).stream().map(UserPortalRow::portal).toList());
            assertEquals(List.of(ALICE_TELEGRAM, BOB_TELEGRAM),
                    f.userPortals.listByPortal(GROUP).stream().map(UserPortalRow::login).toList());

            assertTrue(f.userPortals.remove(BOB_TELEGRAM, GROUP));
            assertFalse(f.userPortals.remove(BOB_TELEGRAM, GROUP));
            assertEquals(List.of(ALICE_TELEGRAM),
                    f.userPortals.listByPortal(GROUP).stream().map(UserPortalRow::login).toList());
            assertEquals(ALICE, f.logins.get(ALICE_TELEGRAM).orElseThrow().mxid());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void membershipNeedsAStoredLoginAndPortalOfTheSameNetwork(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            assertThrows(DataAccessException.class, () -> f.userPortals.add(BOB_TELEGRAM, GROUP));
            assertThrows(DataAccessException.class,
                    () -> f.userPortals.add(ALICE_TELEGRAM, PortalKey.shared("telegram", "-404")));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> f.userPortals.add(ALICE_TELEGRAM, PortalKey.shared("whatsapp", "123@g.us")));
            assertTrue(e.getMessage().contains("different networks"), e.getMessage());
        }
    }
}

package dev.passerelle.core.store;

import static dev.passerelle.core.store.StoreFixture.ALICE;
import static dev.passerelle.core.store.StoreFixture.ALICE_TELEGRAM;
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

class BridgeUserStoreTest {

    // One database of each kind for the whole class (each test starts from emptied tables): creating and dropping
    // a PostgreSQL database per test costs about a second each.
    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void getOrCreateStoresOnceAndKeepsTheFirstCreationTime(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            assertEquals(Optional.empty(), f.users.get(ALICE));
            BridgeUserRow first = f.users.getOrCreate(ALICE, T0);
            assertEquals(new BridgeUserRow(ALICE, Optional.empty(), T0), first);
            assertEquals(first, f.users.getOrCreate(ALICE, T0.plusSeconds(60)));
            assertEquals(Optional.of(first), f.users.get(ALICE));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void managementRoomIsFoundByRoomAndBelongsToOneUser(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            f.users.getOrCreate(ALICE, T0);
            f.users.getOrCreate("@bob:example.org", T0);
            assertTrue(f.users.setManagementRoom(ALICE, Optional.of("!mgmt:example.org")));
            assertEquals(ALICE, f.users.getByManagementRoom("!mgmt:example.org").orElseThrow().mxid());
            assertEquals(Optional.of("!mgmt:example.org"), f.users.get(ALICE).orElseThrow().managementRoomId());

            assertThrows(DataAccessException.class,
                    () -> f.users.setManagementRoom("@bob:example.org", Optional.of("!mgmt:example.org")));

            assertTrue(f.users.setManagementRoom(ALICE, Optional.empty()));
            assertEquals(Optional.empty(), f.users.getByManagementRoom("!mgmt:example.org"));
            assertFalse(f.users.setManagementRoom("@nobody:example.org", Optional.of("!x:example.org")));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletingAUserDeletesTheirLogins(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            assertTrue(f.users.delete(ALICE));
            assertEquals(Optional.empty(), f.logins.get(ALICE_TELEGRAM));
            assertFalse(f.users.delete(ALICE));
        }
    }
}

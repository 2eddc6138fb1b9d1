package dev.passerelle.core.store;

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

class GhostStoreTest {

    private static final GhostKey BOB = new GhostKey("whatsapp", "447700900123@s.whatsapp.net");
    private static final String BOB_MXID = "@whatsapp_447700900123:example.org";

    // One database of each kind for the whole class (each test starts from emptied tables): creating and dropping
    // a PostgreSQL database per test costs about a second each.
    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ghostIsFoundByRemoteIdAndByMatrixId(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            GhostRow unfetched = GhostRow.unfetched(BOB, BOB_MXID);
            f.ghosts.upsert(unfetched);
            assertEquals(Optional.of(unfetched), f.ghosts.get(BOB));
            assertEquals(Optional.of(unfetched), f.ghosts.getByMxid(BOB_MXID));
            assertEquals(Optional.empty(), f.ghosts.get(new GhostKey("telegram", BOB.remoteUserId())));
            assertEquals(Optional.empty(), f.ghosts.getByMxid("@someone:example.org"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void profileUpdateReplacesTheRowAndKeepsTheAvatarHashForComparison(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            f.ghosts.upsert(GhostRow.unfetched(BOB, BOB_MXID));
            GhostRow fetched = GhostRow.unfetched(BOB, BOB_MXID).withProfile(Optional.of("Bob"),
                    Optional.of("mxc://example.org/abc"), Optional.of("sha256:1f2e"), T0);
            f.ghosts.upsert(fetched);
            f.ghosts.upsert(fetched); // idempotent
            GhostRow stored = f.ghosts.get(BOB).orElseThrow();
            assertEquals(fetched, stored);
            assertEquals(Optional.of("sha256:1f2e"), stored.avatarId());
            assertEquals(Optional.of(T0), stored.profileFetchedAt());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoRemoteUsersCannotShareAMatrixId(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            f.ghosts.upsert(GhostRow.unfetched(BOB, BOB_MXID));
            GhostKey other = new GhostKey("whatsapp", "other@s.whatsapp.net");
            assertThrows(DataAccessException.class, () -> f.ghosts.upsert(GhostRow.unfetched(other, BOB_MXID)));
            assertEquals(Optional.empty(), f.ghosts.get(other));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deleteForgetsTheGhost(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            f.ghosts.upsert(GhostRow.unfetched(BOB, BOB_MXID));
            assertTrue(f.ghosts.delete(BOB));
            assertFalse(f.ghosts.delete(BOB));
            assertEquals(Optional.empty(), f.ghosts.getByMxid(BOB_MXID));
        }
    }
}

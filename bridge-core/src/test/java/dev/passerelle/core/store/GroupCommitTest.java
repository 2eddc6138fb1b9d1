package dev.passerelle.core.store;

import static dev.passerelle.core.store.StoreFixture.DM;
import static dev.passerelle.core.store.StoreFixture.GROUP;
import static dev.passerelle.core.store.StoreFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Message rows of many portals written at once: each caller gets its own answer, and every row is kept. */
class GroupCommitTest {

    private static final int MISSING = 151;
    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentWritersEachGetTheirOwnResultAndEveryRowIsStored(TestDatabase db) throws Exception {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            PortalKey missing = PortalKey.shared("telegram", "-404");
            int writers = 300;
            List<Future<Boolean>> results = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < writers; i++) {
                    int n = i;
                    results.add(threads.submit(() -> {
                        start.await();
                        // Every tenth writer repeats an earlier message; one writes into a portal that does not exist.
                        int original = n % 10 == 9 ? n - 9 : n;
                        PortalKey portal = n == MISSING ? missing : original % 2 == 0 ? GROUP : DM;
                        String id = "m" + original;
                        return f.messages.insert(f.message(portal, id, T0.plusMillis(n)));
                    }));
                }
                start.countDown();
            }
            int stored = 0;
            for (int i = 0; i < writers; i++) {
                if (i == MISSING) {
                    var failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, results.get(i)::get,
                            "the row without a portal fails its own writer");
                    assertInstanceOf(DataAccessException.class, failure.getCause());
                    continue;
                }
                boolean repeat = i % 10 == 9;
                // A repeat may run before the row it repeats (they race): exactly one of the two is stored.
                if (results.get(i).get()) {
                    stored++;
                }
                if (!repeat) {
                    PortalKey portal = i % 2 == 0 ? GROUP : DM;
                    assertTrue(f.messages.get(MessageKey.single(portal, "m" + i)).isPresent(), "m" + i + " is stored");
                }
            }
            // 300 writers: 30 repeats of rows written by others, one refused; the rest stored once each.
            assertEquals(writers - 30 - 1, stored, "each message stored once, whichever of its writers won");
            assertEquals(writers - 30 - 1, f.database.dsl().fetchCount(dev.passerelle.core.store.jooq.Tables.MESSAGE),
                    "no row lost or doubled");
        }
    }
}

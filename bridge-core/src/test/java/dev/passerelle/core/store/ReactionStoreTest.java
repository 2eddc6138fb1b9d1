package dev.passerelle.core.store;

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

class ReactionStoreTest {

    private static final MessageKey TARGET = MessageKey.single(GROUP, "m1");
    private static final String ROOM = "!group:example.org";

    // One database of each kind for the whole class (each test starts from emptied tables): creating and dropping
    // a PostgreSQL database per test costs about a second each.
    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onePerSenderNetworksReplaceTheReaction(TestDatabase db) {
        try (StoreFixture f = withTarget(db)) {
            ReactionKey bobs = new ReactionKey(TARGET, "bob", "");
            f.reactions.upsert(new ReactionRow(bobs, "👍", ROOM, "$r1", T0));
            ReactionRow changed = new ReactionRow(bobs, "❤️", ROOM, "$r2", T0.plusSeconds(5));
            f.reactions.upsert(changed);
            f.reactions.upsert(changed);
            assertEquals(List.of(changed), f.reactions.listForMessage(TARGET));
            assertEquals(Optional.of(changed), f.reactions.getByEventId("$r2"));
            assertEquals(Optional.empty(), f.reactions.getByEventId("$r1"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void severalPerSenderNetworksKeepEachEmoji(TestDatabase db) {
        try (StoreFixture f = withTarget(db)) {
            ReactionRow thumbs = new ReactionRow(new ReactionKey(TARGET, "bob", "👍"), "👍", ROOM, "$r1", T0);
            ReactionRow fire = new ReactionRow(new ReactionKey(TARGET, "bob", "🔥"), "🔥", ROOM, "$r2", T0.plusSeconds(1));
            ReactionRow carols = new ReactionRow(new ReactionKey(TARGET, "carol", "👍"), "👍", ROOM, "$r3",
                    T0.plusSeconds(2));
            f.reactions.upsert(thumbs);
            f.reactions.upsert(fire);
            f.reactions.upsert(carols);
            assertEquals(List.of(thumbs, fire, carols), f.reactions.listForMessage(TARGET));
            assertEquals(List.of(thumbs, fire), f.reactions.listBySender(TARGET, "bob"));
            assertEquals(Optional.of(fire), f.reactions.get(fire.key()));

            assertTrue(f.reactions.delete(thumbs.key()));
            assertFalse(f.reactions.delete(thumbs.key()));
            assertEquals(List.of(fire), f.reactions.listBySender(TARGET, "bob"));
            assertEquals(List.of(), f.reactions.listForMessage(MessageKey.single(GROUP, "m2")));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void reactionsNeedTheirMessageAndGoWithIt(TestDatabase db) {
        try (StoreFixture f = withTarget(db)) {
            ReactionKey toUnknown = new ReactionKey(MessageKey.single(GROUP, "404"), "bob", "");
            assertThrows(DataAccessException.class,
                    () -> f.reactions.upsert(new ReactionRow(toUnknown, "👍", ROOM, "$r0", T0)));

            f.reactions.upsert(new ReactionRow(new ReactionKey(TARGET, "bob", ""), "👍", ROOM, "$r1", T0));
            assertTrue(f.messages.delete(TARGET));
            assertEquals(Optional.empty(), f.reactions.getByEventId("$r1"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEventIdMapsToOneReaction(TestDatabase db) {
        try (StoreFixture f = withTarget(db)) {
            f.reactions.upsert(new ReactionRow(new ReactionKey(TARGET, "bob", ""), "👍", ROOM, "$r1", T0));
            assertThrows(DataAccessException.class, () -> f.reactions.upsert(
                    new ReactionRow(new ReactionKey(TARGET, "carol", ""), "👍", ROOM, "$r1", T0)));
        }
    }

    private static StoreFixture withTarget(TestDatabase db) {
        StoreFixture f = StoreFixture.open(db).seeded();
        f.messages.insert(f.message(GROUP, "m1", T0));
        return f;
    }
}

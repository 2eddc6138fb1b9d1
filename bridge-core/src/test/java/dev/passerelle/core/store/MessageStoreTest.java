package dev.passerelle.core.store;

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

class MessageStoreTest {

    // One database of each kind for the whole class (each test starts from emptied tables): creating and dropping
    // a PostgreSQL database per test costs about a second each.
    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void messageIsFoundByRemoteIdAndByEventIdWithEveryColumnKept(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            MessageRow reply = new MessageRow(new MessageKey(GROUP, "m2", "caption"), "!group:example.org", "$e2",
                    "555", "@telegram_555:example.org", T0, Optional.of("m1"), Optional.of("photo"),
                    Optional.of("m0"), 2, Optional.of(T0.plusSeconds(9)), Optional.of("{\"album\":7}"));
            assertTrue(f.messages.insert(reply));
            assertEquals(Optional.of(reply), f.messages.get(reply.key()));
            assertEquals(Optional.of(reply), f.messages.getByEventId("$e2"));
            assertEquals(Optional.empty(), f.messages.get(MessageKey.single(GROUP, "m2")));
            assertEquals(Optional.empty(), f.messages.getByEventId("$unknown"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void insertingTwiceKeepsTheFirstAndAnEventIdMapsToOnePart(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            MessageRow first = f.message(GROUP, "m1", T0);
            assertTrue(f.messages.insert(first));
            MessageRow redelivered = MessageRow.of(first.key(), "!group:example.org", "$duplicate", "555",
                    "@telegram_555:example.org", T0);
            assertFalse(f.messages.insert(redelivered));
            assertEquals(Optional.of(first), f.messages.get(first.key()));
            assertEquals(Optional.empty(), f.messages.getByEventId("$duplicate"));

            MessageRow sameEvent = MessageRow.of(MessageKey.single(GROUP, "m9"), "!group:example.org",
                    first.eventId(), "555", "@telegram_555:example.org", T0);
            assertFalse(f.messages.insert(sameEvent));
            assertEquals(Optional.empty(), f.messages.get(sameEvent.key()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aMessageNeedsAStoredPortal(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            PortalKey unknown = PortalKey.shared("telegram", "-404");
            assertThrows(DataAccessException.class, () -> f.messages.insert(f.message(unknown, "m1", T0)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lastMessageIsTheLatestByTimeThenTheLastStoredAndStaysInItsPortal(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            assertEquals(Optional.empty(), f.messages.lastInPortal(GROUP));
            // An album: three messages of the same second, stored in the order they arrived (ids not in that order).
            f.messages.insert(f.message(GROUP, "900", T0));
            f.messages.insert(f.message(GROUP, "1000", T0));
            f.messages.insert(f.message(GROUP, "1001", T0));
            assertEquals("1001", f.messages.lastInPortal(GROUP).orElseThrow().key().messageId());
            // Backfilled history stored later does not count as the latest.
            f.messages.insert(f.message(GROUP, "5", T0.minusSeconds(3600)));
            assertEquals("1001", f.messages.lastInPortal(GROUP).orElseThrow().key().messageId());
            // A newer message in another portal (same chat id, other receiver) is not this portal's.
            PortalKey otherReceiver = new PortalKey("telegram", GROUP.chatId(), "12345");
            f.portals.upsert(PortalRow.discovered(otherReceiver, PortalKind.GROUP, T0));
            f.messages.insert(f.message(otherReceiver, "2000", T0.plusSeconds(60)));
            f.messages.insert(f.message(DM, "3000", T0.plusSeconds(60)));
            assertEquals("1001", f.messages.lastInPortal(GROUP).orElseThrow().key().messageId());
            assertEquals("3000", f.messages.lastInPortal(DM).orElseThrow().key().messageId());

            f.messages.insert(f.message(GROUP, "1002", T0.plusMillis(1)));
            assertEquals("1002", f.messages.lastInPortal(GROUP).orElseThrow().key().messageId());
            assertEquals("1001", f.messages.lastAtOrBefore(GROUP, T0).orElseThrow().key().messageId());
            assertEquals("5", f.messages.lastAtOrBefore(GROUP, T0.minusSeconds(1)).orElseThrow().key().messageId());
            assertEquals(Optional.empty(), f.messages.lastAtOrBefore(GROUP, T0.minusSeconds(7200)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void lastInThreadIsTheThreadsLatestMessageNotTheRootNorAnotherThreads(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            f.messages.insert(f.message(GROUP, "root", T0));
            assertEquals(Optional.empty(), f.messages.lastInThread(GROUP, "root"));
            f.messages.insert(f.message(GROUP, "a", T0.plusSeconds(1)).withThreadRoot("root"));
            f.messages.insert(f.message(GROUP, "outside", T0.plusSeconds(2)));
            f.messages.insert(f.message(GROUP, "other", T0.plusSeconds(3)).withThreadRoot("root2"));
            f.messages.insert(f.message(GROUP, "b", T0.plusSeconds(2)).withThreadRoot("root"));
            assertEquals("b", f.messages.lastInThread(GROUP, "root").orElseThrow().key().messageId());
            assertEquals(Optional.of("root"), f.messages.lastInThread(GROUP, "root").orElseThrow().threadRootId());
            assertEquals(Optional.empty(), f.messages.lastInThread(DM, "root"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void partsOfAMessageAreListedInStoredOrderAndDeletedTogether(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            for (String part : List.of("text", "photo-1", "photo-0")) {
                f.messages.insert(MessageRow.of(new MessageKey(GROUP, "m1", part), "!group:example.org", "$" + part,
                        "555", "@telegram_555:example.org", T0));
            }
            f.messages.insert(f.message(GROUP, "m2", T0));
            assertEquals(List.of("text", "photo-1", "photo-0"),
                    f.messages.getParts(GROUP, "m1").stream().map(m -> m.key().partId()).toList());

            assertEquals(3, f.messages.deleteAllParts(GROUP, "m1"));
            assertEquals(List.of(), f.messages.getParts(GROUP, "m1"));
            assertTrue(f.messages.get(MessageKey.single(GROUP, "m2")).isPresent());
            assertTrue(f.messages.delete(MessageKey.single(GROUP, "m2")));
            assertFalse(f.messages.delete(MessageKey.single(GROUP, "m2")));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void editsAreCounted(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            MessageRow row = f.message(GROUP, "m1", T0);
            f.messages.insert(row);
            assertTrue(f.messages.markEdited(row.key(), T0.plusSeconds(10)));
            assertTrue(f.messages.markEdited(row.key(), T0.plusSeconds(20)));
            MessageRow edited = f.messages.get(row.key()).orElseThrow();
            assertEquals(2, edited.editCount());
            assertEquals(Optional.of(T0.plusSeconds(20)), edited.editedAt());
            assertEquals(row.eventId(), edited.eventId());
            assertFalse(f.messages.markEdited(MessageKey.single(GROUP, "404"), T0));
        }
    }
}

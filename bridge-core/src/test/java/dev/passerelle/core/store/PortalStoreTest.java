package dev.passerelle.core.store;

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

class PortalStoreTest {

    // One database of each kind for the whole class (each test starts from emptied tables): creating and dropping
    // a PostgreSQL database per test costs about a second each.
    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void portalIsFoundByKeyAndByRoomWithEveryColumnKept(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            PortalKey channel = PortalKey.shared("telegram", "-100555");
            PortalRow full = new PortalRow(channel, Optional.of("!chan:example.org"), PortalKind.CHANNEL,
                    Optional.of("News"), Optional.of("Daily news"), Optional.of("mxc://example.org/av"),
                    Optional.of("photo:123"), Optional.empty(), Optional.of("-100999"), Optional.of("12345"),
                    Optional.of("{\"forum\":false}"), T0);
            f.portals.upsert(full);
            assertEquals(Optional.of(full), f.portals.get(channel));
            assertEquals(Optional.of(full), f.portals.getByRoomId("!chan:example.org"));
            assertEquals(Optional.empty(), f.portals.getByRoomId("!other:example.org"));
            assertEquals(Optional.empty(), f.portals.get(PortalKey.shared("whatsapp", "-100555")));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void upsertIsIdempotentAndKeepsTheCreationTime(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            PortalRow discovered = PortalRow.discovered(GROUP, PortalKind.GROUP, T0);
            f.portals.upsert(discovered);
            f.portals.upsert(discovered);
            PortalRow bridged = PortalRow.discovered(GROUP, PortalKind.GROUP, T0.plusSeconds(30))
                    .withRoomId("!group:example.org")
                    .withInfo(Optional.of("Friends"), Optional.empty())
                    .withAvatar(Optional.of("mxc://example.org/f"), Optional.of("hash1"));
            f.portals.upsert(bridged);
            PortalRow stored = f.portals.get(GROUP).orElseThrow();
            assertEquals(T0, stored.createdAt());
            assertEquals(Optional.of("!group:example.org"), stored.roomId());
            assertEquals(Optional.of("Friends"), stored.name());
            assertEquals(Optional.of("hash1"), stored.avatarId());
            assertEquals(GROUP, f.portals.getByRoomId("!group:example.org").orElseThrow().key());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRoomBelongsToOnePortalAndPortalsWithoutRoomDoNotClash(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db)) {
            f.portals.upsert(PortalRow.discovered(GROUP, PortalKind.GROUP, T0).withRoomId("!r:example.org"));
            PortalKey other = PortalKey.shared("telegram", "-100888");
            assertThrows(DataAccessException.class,
                    () -> f.portals.upsert(PortalRow.discovered(other, PortalKind.GROUP, T0).withRoomId("!r:example.org")));
            f.portals.upsert(PortalRow.discovered(other, PortalKind.GROUP, T0));
            f.portals.upsert(PortalRow.discovered(PortalKey.shared("telegram", "-1"), PortalKind.GROUP, T0));
            assertEquals(Optional.empty(), f.portals.get(other).orElseThrow().roomId());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theSameChatIsTwoPortalsForTwoReceivers(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            PortalKey bobsView = new PortalKey("telegram", DM.chatId(), "777");
            f.portals.upsert(PortalRow.discovered(bobsView, PortalKind.DM, T0).withRoomId("!bobdm:example.org"));
            assertEquals("!dm:example.org", f.portals.get(DM).orElseThrow().roomId().orElseThrow());
            assertEquals("!bobdm:example.org", f.portals.get(bobsView).orElseThrow().roomId().orElseThrow());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void portalsAreListedByReceiverByMembershipAndByParent(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            PortalKey community = PortalKey.shared("telegram", "c1");
            f.portals.upsert(PortalRow.discovered(community, PortalKind.SPACE, T0.plusSeconds(1)));
            PortalRow child = PortalRow.discovered(PortalKey.shared("telegram", "c1-topic"), PortalKind.GROUP,
                    T0.plusSeconds(2));
            f.portals.upsert(new PortalRow(child.key(), child.roomId(), child.kind(), child.name(), child.topic(),
                    child.avatarMxc(), child.avatarId(), child.dmUserId(), Optional.of("c1"), child.relayLoginId(),
                    child.metadata(), child.createdAt()));
            f.userPortals.add(ALICE_TELEGRAM, GROUP);
            f.userPortals.add(ALICE_TELEGRAM, DM);

            assertEquals(List.of(DM), keys(f.portals.listByReceiver(ALICE_TELEGRAM)));
            assertEquals(List.of(GROUP, DM), keys(f.portals.listByLogin(ALICE_TELEGRAM)));
            assertEquals(List.of(child.key()), keys(f.portals.listChildren(community)));
            assertEquals(List.of(), f.portals.listByLogin(new LoginKey("telegram", "404")));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletingAPortalDeletesItsMessagesReactionsAndMemberships(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            MessageRow inGroup = f.message(GROUP, "m1", T0);
            MessageRow inDm = f.message(DM, "m1", T0);
            f.messages.insert(inGroup);
            f.messages.insert(inDm);
            ReactionKey like = new ReactionKey(inGroup.key(), "555", "");
            f.reactions.upsert(new ReactionRow(like, "👍", "!group:example.org", "$like", T0));
            f.userPortals.add(ALICE_TELEGRAM, GROUP);

            assertTrue(f.portals.delete(GROUP));
            assertEquals(Optional.empty(), f.portals.get(GROUP));
            assertEquals(Optional.empty(), f.messages.getByEventId(inGroup.eventId()));
            assertEquals(Optional.empty(), f.reactions.getByEventId("$like"));
            assertEquals(Optional.empty(), f.userPortals.get(ALICE_TELEGRAM, GROUP));
            assertEquals(Optional.of(inDm), f.messages.getByEventId(inDm.eventId()));
            assertFalse(f.portals.delete(GROUP));
        }
    }

    private static List<PortalKey> keys(List<PortalRow> rows) {
        return rows.stream().map(PortalRow::key).toList();
    }
}

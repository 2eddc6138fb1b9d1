package dev.passerelle.core.store;

import static dev.passerelle.core.store.StoreFixture.ALICE_TELEGRAM;
import static dev.passerelle.core.store.StoreFixture.GROUP;
import static dev.passerelle.core.store.StoreFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.db.TestDatabase;
import dev.passerelle.testkit.db.TestDatabases;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PortalMoveStoreTest {

    private static final List<TestDatabase> DATABASES = TestDatabases.both().toList();
    private static final PortalKey SUPERGROUP = PortalKey.shared("telegram", "-100888");
    private static final PortalKey TOPIC = PortalKey.shared("telegram", "-100999");

    static Stream<TestDatabase> databases() {
        return DATABASES.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFollowedPortalAnswersForTheNewIdWithItsRoomMembersAndChildren(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            f.portals.upsert(PortalRow.discovered(GROUP, PortalKind.GROUP, T0).withRoomId("!group:example.org")
                    .withInfo(Optional.of("Friends"), Optional.of("About us")));
            f.portals.upsert(new PortalRow(TOPIC, Optional.empty(), PortalKind.GROUP, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(GROUP.chatId()), Optional.empty(), Optional.empty(), T0));
            f.userPortals.add(ALICE_TELEGRAM, GROUP);
            f.userPortals.markRead(ALICE_TELEGRAM, GROUP, "m1", T0);
            f.messages.insert(f.message(GROUP, "m1", T0));

            assertTrue(f.moves.follow(GROUP, SUPERGROUP.chatId(), T0.plusSeconds(5)));

            PortalRow moved = f.portals.get(SUPERGROUP).orElseThrow();
            assertEquals(Optional.of("!group:example.org"), moved.roomId());
            assertEquals(Optional.of("Friends"), moved.name());
            assertEquals(T0, moved.createdAt());
            assertEquals(Optional.of(moved), f.portals.getByRoomId("!group:example.org"));
            // The old row keeps the messages under their old ids, without a room.
            assertEquals(Optional.empty(), f.portals.get(GROUP).orElseThrow().roomId());
            assertEquals(1, f.messages.getParts(GROUP, "m1").size());
            assertEquals(List.of(), f.messages.getParts(SUPERGROUP, "m1"));
            // Memberships (with their read markers) and child chats follow.
            assertEquals(Optional.of("m1"), f.userPortals.get(ALICE_TELEGRAM, SUPERGROUP).orElseThrow().lastReadId());
            assertEquals(Optional.empty(), f.userPortals.get(ALICE_TELEGRAM, GROUP));
            assertEquals(List.of(TOPIC), f.portals.listChildren(SUPERGROUP).stream().map(PortalRow::key).toList());
            assertEquals(List.of(new PortalMove(GROUP, SUPERGROUP.chatId(), T0.plusSeconds(5))), f.moves.list());
            assertEquals(SUPERGROUP, f.moves.list().getFirst().to());

            // Replayed: nothing changes.
            assertFalse(f.moves.follow(GROUP, SUPERGROUP.chatId(), T0.plusSeconds(9)));
            assertEquals(T0.plusSeconds(5), f.moves.list().getFirst().movedAt());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRetiredPortalLetsGoOfItsRoomAndMembersAndKeepsItsMessages(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            f.portals.upsert(PortalRow.discovered(SUPERGROUP, PortalKind.GROUP, T0).withRoomId("!super:example.org"));
            f.userPortals.add(ALICE_TELEGRAM, GROUP);
            f.messages.insert(f.message(GROUP, "m1", T0));

            assertTrue(f.moves.retire(GROUP, SUPERGROUP.chatId(), T0));

            assertEquals(Optional.empty(), f.portals.get(GROUP).orElseThrow().roomId());
            assertEquals(Optional.empty(), f.portals.getByRoomId("!group:example.org"));
            assertEquals(Optional.of("!super:example.org"), f.portals.get(SUPERGROUP).orElseThrow().roomId());
            assertEquals(List.of(), f.userPortals.listByPortal(GROUP));
            assertEquals(1, f.messages.getParts(GROUP, "m1").size());
            assertEquals(List.of(SUPERGROUP), f.moves.list().stream().map(PortalMove::to).toList());
            assertFalse(f.moves.retire(GROUP, SUPERGROUP.chatId(), T0));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void noPortalUnderTheOldIdChangesNothing(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            PortalKey unknown = PortalKey.shared("telegram", "-1");
            assertFalse(f.moves.follow(unknown, SUPERGROUP.chatId(), T0));
            assertFalse(f.moves.retire(unknown, SUPERGROUP.chatId(), T0));
            assertEquals(Optional.empty(), f.portals.get(SUPERGROUP));
            assertEquals(List.of(), f.moves.list());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletingTheNewPortalForgetsTheOldRowAndTheMove(TestDatabase db) {
        try (StoreFixture f = StoreFixture.open(db).seeded()) {
            f.messages.insert(f.message(GROUP, "m1", T0));
            f.moves.follow(GROUP, SUPERGROUP.chatId(), T0);

            assertTrue(f.portals.delete(SUPERGROUP));

            assertEquals(Optional.empty(), f.portals.get(GROUP));
            assertEquals(List.of(), f.messages.getParts(GROUP, "m1"));
            assertEquals(List.of(), f.moves.list());
        }
    }
}

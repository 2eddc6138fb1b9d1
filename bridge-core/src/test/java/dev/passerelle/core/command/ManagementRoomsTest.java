package dev.passerelle.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.passerelle.core.store.BridgeUserStore;
import dev.passerelle.core.store.Database;
import dev.passerelle.core.store.KvStore;
import dev.passerelle.core.store.TestStores;
import dev.passerelle.testkit.db.TestDatabases;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManagementRoomsTest {
    private static final String ALICE = "@alice:example.org";

    @Test
    void oneRoomPerUserAndNetworkSurvivesARestartAndANewRoomReplacesTheOld() {
        try (Database db = TestStores.open(TestDatabases.sqlite())) {
            ManagementRooms rooms = open(db);
            rooms.remember(ALICE, "telegram", "!tg:example.org");
            rooms.remember(ALICE, "whatsapp", "!wa:example.org");
            assertEquals(Optional.of(new ManagementRooms.Owner(ALICE, "whatsapp")), rooms.ownerOf("!wa:example.org"));

            ManagementRooms afterRestart = open(db);
            assertEquals(Optional.of("!tg:example.org"), afterRestart.roomOf(ALICE, "telegram"));
            assertEquals(Optional.of("!wa:example.org"), afterRestart.roomOf(ALICE, "whatsapp"));
            assertEquals(Optional.of(new ManagementRooms.Owner(ALICE, "telegram")),
                    afterRestart.ownerOf("!tg:example.org"));

            afterRestart.remember(ALICE, "telegram", "!tg2:example.org");
            assertEquals(Optional.empty(), afterRestart.ownerOf("!tg:example.org"));
            assertEquals(Optional.of("!tg2:example.org"), open(db).roomOf(ALICE, "telegram"));
            assertEquals(Optional.empty(), open(db).ownerOf("!tg:example.org"));
        }
    }

    private static ManagementRooms open(Database db) {
        return new ManagementRooms(new KvStore(db), new BridgeUserStore(db), Clock.systemUTC());
    }
}

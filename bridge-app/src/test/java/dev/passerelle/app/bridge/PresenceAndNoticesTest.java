package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.UserInfo;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Network presence and notices that belong to no chat: what the Matrix users see. */
class PresenceAndNoticesTest extends AliceEngineTest {

    private static final String BOB_GHOST = "@testnet_bob:example.org";
    private static final String CAROL_GHOST = "@testnet_carol:example.org";

    @Test
    void presenceMovesExistingGhostsAndCreatesNone() {
        alice.message("bob", "bob", "hi");
        bed.awaitMessage("bob", "hi");

        alice.presence("bob", true);
        until("Bob's ghost online", () -> bed.homeserver.presence(BOB_GHOST).equals(Optional.of("online")),
                () -> bed.homeserver.presence(BOB_GHOST).toString());
        alice.presence("bob", false);
        until("Bob's ghost offline", () -> bed.homeserver.presence(BOB_GHOST).equals(Optional.of("offline")),
                () -> bed.homeserver.presence(BOB_GHOST).toString());

        // Carol has no ghost: her presence registers none. Her profile update right after runs on the same queue,
        // so once it made her ghost, the presence before it has been handled.
        alice.presence("carol", true);
        alice.emit(new RemoteEvent.UserInfoChanged("carol", new UserInfo(Optional.of("Carol"), Optional.empty(),
                false), Instant.now()));
        until("Carol's ghost made by her profile", () -> bed.homeserver.isRegistered(CAROL_GHOST), () -> "");
        assertEquals(Optional.empty(), bed.homeserver.presence(CAROL_GHOST));
        alice.presence("carol", true);
        until("Carol's ghost online", () -> bed.homeserver.presence(CAROL_GHOST).equals(Optional.of("online")),
                () -> bed.homeserver.presence(CAROL_GHOST).toString());
    }

    @Test
    void aUserNoticeReachesTheManagementRoomAndWithoutOneIsOnlyLogged() {
        // No management room yet: nothing is sent anywhere, the notice is logged.
        Logger log = (Logger) LoggerFactory.getLogger("dev.passerelle.core.bridge.LoginNotices");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            alice.notice("A secret chat with Bob was opened; it cannot be bridged.");
            until("the notice in the log", () -> logged.list.stream().anyMatch(e -> e.getFormattedMessage()
                    .equals("No management room to tell @alice:example.org in: Test Network (alice): A secret chat "
                            + "with Bob was opened; it cannot be bridged.")), () -> logged.list.toString());
        } finally {
            log.detachAppender(logged);
        }
        String room = bed.managementRoom(EngineBed.ALICE);
        alice.notice("Your account is now used on another device.");

        String notice = bed.awaitNotice(room, "another device");
        assertEquals("Test Network (alice): Your account is now used on another device.", notice);
        assertFalse(bed.botNotices(room).stream().anyMatch(n -> n.contains("secret chat")), bed.botNotices(room)
                .toString());
        assertTrue(bed.homeserver.rooms().stream().noneMatch(r -> bed.homeserver.timeline(r).stream()
                .anyMatch(e -> e.path("content").path("body").asText().contains("secret chat"))));
    }

    @Test
    void aRevokedSessionIsToldOnceWithOneWayToSignInAgain() {
        String room = bed.managementRoom(EngineBed.ALICE);
        alice.revokeSession();

        String notice = bed.awaitNotice(room, "was signed out by");
        // The network already says how to log in again: the engine's own hint would repeat it.
        assertEquals(1, notice.split("`login`", -1).length - 1, notice);
    }
}

package dev.passerelle.messenger;

import static dev.passerelle.messenger.MessengerBed.BOB;
import static dev.passerelle.messenger.MessengerBed.CAROL;
import static dev.passerelle.messenger.MessengerBed.PAT;
import static dev.passerelle.testbed.BridgeBed.ALICE;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.testkit.homeserver.Events;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Page answered by a team: every allowed Matrix user sees its portals and answers there; others see none. */
class SharedPageTest {

    @TempDir
    Path dir;
    private MessengerBed bed;

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void theAllowedUsersShareThePortalsAndAnswerAsThePage() throws Exception {
        bed = MessengerBed.withPageLoggedIn(dir);

        bed.meta.send(bed.meta.text(PAT, "m_1", "Is the shop open?"));
        bed.awaitMessage(PAT, "Is the shop open?");
        String room = bed.patRoom();

        List<String> invited = bed.homeserver.members(room, "invite");
        assertTrue(invited.contains(ALICE), invited.toString());
        assertTrue(invited.contains(BOB), invited.toString());
        assertFalse(invited.contains(CAROL), invited.toString());

        bed.sendAs(BOB, room, "m.room.message", Events.textContent("Yes, until 7pm"));
        until("Bob's answer at the Send API", () -> bed.graph.accepted().stream()
                .anyMatch(s -> s.text().equals("Yes, until 7pm")), () -> bed.graph.sends().toString());

        // A second conversation: the same two users, again.
        bed.graph.addPerson(new FakeGraphApi.Person("2000002", "Sam", "Roe", java.util.Optional.empty()));
        bed.meta.send(bed.meta.text("2000002", "m_2", "Hello from Sam"));
        bed.awaitMessage("2000002", "Hello from Sam");
        List<String> invitedToSam = bed.homeserver.members(bed.portalRoom("2000002").orElseThrow(), "invite");
        assertTrue(invitedToSam.containsAll(List.of(ALICE, BOB)), invitedToSam.toString());
        assertFalse(invitedToSam.contains(CAROL));
    }

    @Test
    void aUserNotAllowedSeesNoPortalAndCannotActOrLogIn() throws Exception {
        bed = MessengerBed.withPageLoggedIn(dir);
        bed.meta.send(bed.meta.text(PAT, "m_1", "Hi"));
        bed.awaitMessage(PAT, "Hi");
        String room = bed.patRoom();

        assertFalse(bed.homeserver.members(room, "invite").contains(CAROL));
        assertFalse(bed.homeserver.members(room, "join").contains(CAROL));
        // Even if Carol got into the room, what she writes does not go out as the Page.
        bed.sendAs(CAROL, room, "m.room.message", Events.textContent("I am not staff"));
        bed.sendAs(ALICE, room, "m.room.message", Events.textContent("I am staff"));
        until("Alice's answer", () -> bed.graph.accepted().stream().anyMatch(s -> s.text().equals("I am staff")),
                () -> bed.graph.sends().toString());
        assertEquals(List.of(), bed.graph.sends().stream().filter(s -> s.text().equals("I am not staff")).toList());

        try (LoginProcess login = bed.connector().startLogin("page", CAROL)) {
            login.start();
            LoginException refused = assertThrows(LoginException.class,
                    () -> login.submit(Map.of("page_id", MessengerBed.PAGE)));
            assertEquals("PASSERELLE.MESSENGER.NOT_ALLOWED", refused.code());
        }
    }
}

package dev.passerelle.core.command;

import static dev.passerelle.core.command.CommandFixture.ALICE;
import static dev.passerelle.core.command.CommandFixture.BOT;
import static dev.passerelle.core.command.CommandFixture.MALLORY;
import static dev.passerelle.core.command.CommandFixture.RELAYER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagementRoomHandlerTest {
    private final CommandFixture f = new CommandFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aUsersDirectInviteIsAcceptedAndBecomesTheirManagementRoomWithAWelcome() {
        String room = f.invitedRoom(ALICE, true);

        assertTrue(f.hs.members(room, "join").contains(BOT), "the bot joined");
        assertEquals(Optional.of(room), f.rooms.roomOf(ALICE, "testnet"));
        assertEquals(Optional.of(new ManagementRooms.Owner(ALICE, "testnet")), f.rooms.ownerOf(room));
        ObjectNode welcome = f.botEvents(room).getFirst().path("content").deepCopy();
        assertEquals("m.notice", welcome.path("msgtype").asText());
        assertTrue(welcome.path("body").asText().contains("management room"), welcome.toString());
        assertTrue(welcome.path("formatted_body").asText().contains("<code>help</code>"), welcome.toString());
    }

    @Test
    void aBlockedUsersInviteIsRejectedAndTheyGetNoAnswer() {
        String room = f.invitedRoom(MALLORY, true);

        assertFalse(f.hs.members(room, "join").contains(BOT));
        assertFalse(f.hs.members(room, "invite").contains(BOT), "the invite was rejected, not left pending");
        assertEquals(Optional.empty(), f.rooms.roomOf(MALLORY, "testnet"));
        assertEquals(List.of(), f.botEvents(room));
    }

    @Test
    void helpListsOnlyWhatTheUsersLevelAllows() {
        String aliceRoom = f.invitedRoom(ALICE, true);
        String relayRoom = f.invitedRoom(RELAYER, true);

        f.say(ALICE, aliceRoom, "help");
        f.say(RELAYER, relayRoom, "help");

        String forUser = f.lastNotice(aliceRoom);
        String forRelay = f.lastNotice(relayRoom);
        for (String word : List.of("login [flow]", "logout [login id]", "list-logins", "ping", "cancel", "version")) {
            assertTrue(forUser.contains(word), word + " missing from: " + forUser);
        }
        assertTrue(forRelay.contains("ping") && forRelay.contains("version"), forRelay);
        assertFalse(forRelay.contains("login [flow]") || forRelay.contains("list-logins"), forRelay);
    }

    @Test
    void aCommandAboveTheUsersLevelIsRefusedWithTheLevelNeeded() {
        String room = f.invitedRoom(RELAYER, true);

        f.say(RELAYER, room, "login");

        String refusal = f.lastNotice(room);
        assertTrue(refusal.startsWith("login needs the permission level user or higher; you have relay."), refusal);
        assertTrue(refusal.contains("bridge admin can grant it"), refusal);
        assertEquals(0, f.target.connector.cancelled.get() + f.target.logins.size(), "no login was started");
    }

    @Test
    void setRelayAndUnsetRelayInAPortalReachTheEngineAndSayWhatChanged() {
        String room = f.invitedRoom(ALICE, false);

        f.say(ALICE, room, "!pass set-relay");
        assertEquals("relay set by " + ALICE, f.lastNotice(room));
        f.say(ALICE, room, "!pass unset-relay");
        assertEquals("relay unset by " + ALICE, f.lastNotice(room));
        assertEquals(List.of("set " + room + " " + ALICE, "unset " + room + " " + ALICE), f.target.relayCalls);
    }

    @Test
    void aRelayLevelUserCannotSetTheRelay() {
        String room = f.invitedRoom(RELAYER, false);

        f.say(RELAYER, room, "!pass set-relay");

        assertTrue(f.lastNotice(room).startsWith("set-relay needs the permission level user or higher"),
                f.lastNotice(room));
        assertEquals(List.of(), f.target.relayCalls);
    }

    @Test
    void anUnknownCommandPointsToHelp() {
        String room = f.invitedRoom(ALICE, true);

        f.say(ALICE, room, "frobnicate now");

        assertEquals("Unknown command, use help.", f.lastNotice(room));
        ObjectNode reply = f.botEvents(room).getLast();
        assertEquals("Unknown command, use <code>help</code>.",
                reply.path("content").path("formatted_body").asText());
    }

    @Test
    void outsideTheManagementRoomOnlyPrefixedMessagesAreCommands() {
        String room = f.invitedRoom(ALICE, false);
        assertTrue(f.lastNotice(room).contains("!pass help"), "the welcome names the prefix: " + f.lastNotice(room));
        assertEquals(Optional.empty(), f.rooms.ownerOf(room), "a group is no management room");
        int before = f.notices(room).size();

        f.say(ALICE, room, "version");
        f.say(ALICE, room, "!passversion");
        assertEquals(before, f.notices(room).size(), "unprefixed words in a group are chat, not commands");

        f.say(ALICE, room, "!pass version");
        assertEquals("Passerelle 9.9.9-test, bridging Testnet.", f.lastNotice(room));

        f.say(ALICE, room, "!pass login");
        assertTrue(f.lastNotice(room).startsWith("Log in from your direct chat with me"), f.lastNotice(room));
    }

    @Test
    void theManagementRoomAcceptsThePrefixToo() {
        String room = f.invitedRoom(ALICE, true);

        f.say(ALICE, room, "!pass version");

        assertEquals("Passerelle 9.9.9-test, bridging Testnet.", f.lastNotice(room));
    }

    @Test
    void messagesFromTheBridgesOwnUsersAreIgnored() {
        String room = f.invitedRoom(ALICE, true);
        int before = f.botEvents(room).size();

        f.say("@test_ghost_1:example.org", room, "help");
        f.say(f.matrix.botUserId(), room, "help");

        assertEquals(before, f.botEvents(room).size());
    }

    @Test
    void pingAndListLoginsSayWhenTheUserHasNoLogin() {
        String room = f.invitedRoom(ALICE, true);

        f.say(ALICE, room, "ping");
        assertEquals("You are not logged in to Testnet. Use login to log in.", f.lastNotice(room));
        f.say(ALICE, room, "list-logins");
        assertEquals("You are not logged in to Testnet. Use login to log in.", f.lastNotice(room));
        f.say(ALICE, room, "logout");
        assertEquals("You are not logged in to Testnet.", f.lastNotice(room));
        f.say(ALICE, room, "cancel");
        assertEquals("There is no login in progress to cancel.", f.lastNotice(room));
    }
}

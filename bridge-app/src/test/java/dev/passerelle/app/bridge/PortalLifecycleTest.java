package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.ALICE;
import static dev.passerelle.app.bridge.EngineBed.BOT;
import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.config.PermissionLevel;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.testnet.TestChat;
import dev.passerelle.testnet.TestNetwork;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The end of portals and their refresh: {@code delete-portal} in a portal, a chat deleted on the network, members
 * leaving a chat, and {@code sync}.
 */
class PortalLifecycleTest extends AliceEngineTest {

    private static final String BOB = "@bob:example.org";
    private static final String CAROL = "@carol:example.org";
    private static final String BOB_GHOST = "@testnet_bob:example.org";
    private static final String CAROL_GHOST = "@testnet_carol:example.org";

    @Test
    void deletePortalRemovesEveryoneAndANewMessageOpensANewRoom() {
        alice.message("bob", "bob", "hi");
        bed.awaitMessage("bob", "hi");
        String room = bed.portalRoom("bob").orElseThrow();
        join(ALICE, room);

        bed.say(ALICE, room, "!tn delete-portal");
        bed.awaitNotice(room, "Deleting this portal");
        until("everyone to be out of " + room, () -> bed.homeserver.members(room, "join").isEmpty(),
                () -> bed.homeserver.timeline(room).toString());
        assertTrue(bed.homeserver.members(room, "leave").containsAll(List.of(ALICE, BOB_GHOST, BOT)),
                bed.homeserver.members(room, "leave").toString());
        assertEquals("The portal was deleted by " + ALICE, bed.homeserver.state(room, "m.room.member", ALICE)
                .orElseThrow().path("content").path("reason").asText());
        assertEquals(Optional.empty(), bed.portalRoom("bob"), "the room no longer says it bridges the chat");

        alice.message("bob", "bob", "hello again");
        bed.awaitMessage("bob", "hello again");
        String newRoom = bed.portalRoom("bob").orElseThrow();
        assertNotEquals(room, newRoom);
        assertEquals("invite", bed.homeserver.state(newRoom, "m.room.member", ALICE).orElseThrow().path("content")
                .path("membership").asText());
    }

    @Test
    void onlyThePortalsOnlyUserMayDeleteIt() throws Exception {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        String room = bed.portalRoom("g1").orElseThrow();

        join(CAROL, room);
        bed.say(CAROL, room, "!tn delete-portal");
        bed.awaitNotice(room, "Only a bridge admin, or the only user of this chat");

        // Bob logs in too: the group is now shared, so Alice is no longer its only user.
        bed.login(BOB, "+33600000002");
        TestNetwork.login("bob").message("g1", "bob", "I am here too");
        until("Bob's login to join the portal", () -> bed.homeserver.state(room, "m.room.member", BOB).isPresent(),
                () -> bed.homeserver.timeline(room).toString());
        bed.say(ALICE, room, "!tn delete-portal");
        until("the second refusal", () -> bed.botNotices(room).stream()
                .filter(n -> n.contains("Only a bridge admin")).count() == 2, () -> bed.botNotices(room).toString());
        assertEquals(Optional.of(room), bed.portalRoom("g1"));
        assertTrue(bed.homeserver.members(room, "join").contains(BOT));
    }

    @Test
    void anAdminMayDeleteAPortalOthersAreIn() {
        bed.stopBridge();
        bed.permissions(Map.of("example.org", PermissionLevel.USER, CAROL, PermissionLevel.ADMIN));
        bed.start();
        until("Alice's login to reconnect", () -> alice.isConnected(), () -> "");
        TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        String room = bed.portalRoom("g1").orElseThrow();
        join(ALICE, room);
        join(CAROL, room);

        bed.say(CAROL, room, "!tn delete-portal");
        until("everyone to be out of " + room, () -> bed.homeserver.members(room, "join").isEmpty(),
                () -> bed.homeserver.timeline(room).toString());
        assertEquals("The portal was deleted by " + CAROL, bed.homeserver.state(room, "m.room.member", ALICE)
                .orElseThrow().path("content").path("reason").asText());
        assertEquals(Optional.empty(), bed.portalRoom("g1"));
    }

    @Test
    void aChatDeletedOnTheNetworkStopsBridgingButKeepsTheUsersAndHistory() {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        String room = bed.portalRoom("g1").orElseThrow();
        join(ALICE, room);

        alice.emit(new RemoteEvent.ChatDeleted(PortalRef.shared("g1"), Instant.now()));
        bed.awaitNotice(room, "This chat was deleted on Test Network");
        until("the bridge to leave", () -> !bed.homeserver.members(room, "join").contains(BOT),
                () -> bed.homeserver.timeline(room).toString());
        assertEquals(List.of(ALICE), bed.homeserver.members(room, "join"));
        assertEquals(1, bed.messages(room, "hi all").size(), "the history stays");
        assertEquals(Optional.empty(), bed.portalRoom("g1"));
    }

    @Test
    void aSharedChatLeftByOneAccountKeepsItsPortalForTheOthers() throws Exception {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        bed.login(BOB, "+33600000002");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        String room = bed.portalRoom("g1").orElseThrow();
        TestNetwork.login("bob").message("g1", "bob", "from bob's side");
        until("Bob's login to join the portal", () -> bed.homeserver.state(room, "m.room.member", BOB).isPresent(),
                () -> bed.homeserver.timeline(room).toString());

        alice.emit(new RemoteEvent.ChatDeleted(PortalRef.shared("g1"), Instant.now()));
        until("Alice to be removed", () -> bed.homeserver.state(room, "m.room.member", ALICE).orElseThrow()
                .path("content").path("membership").asText().equals("leave"), () -> "");
        assertEquals(Optional.of(room), bed.portalRoom("g1"));
        assertTrue(bed.homeserver.members(room, "join").contains(BOT));
        assertFalse(bed.botNotices(room).stream().anyMatch(n -> n.contains("deleted")), bed.botNotices(room)
                .toString());
    }

    @Test
    void membersWhoLeaveTheChatLeaveTheRoom() {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice", "carol");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        String room = bed.portalRoom("g1").orElseThrow();
        assertTrue(bed.homeserver.members(room, "join").contains(CAROL_GHOST));

        alice.changeChat("g1", chat -> chat.withMembers(chat.members().stream()
                .filter(m -> !m.remoteUserId().equals("carol")).toList()));
        until("Carol's ghost to leave", () -> !bed.homeserver.members(room, "join").contains(CAROL_GHOST),
                () -> bed.homeserver.timeline(room).toString());
        assertTrue(bed.homeserver.members(room, "join").contains(BOB_GHOST));
    }

    @Test
    void syncRefreshesEveryChat() {
        TestChat group = TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        String room = bed.portalRoom("g1").orElseThrow();
        alice.message("bob", "bob", "hi");
        bed.awaitMessage("bob", "hi");
        // Changed on the network while nothing told the bridge.
        TestNetwork.addChat(group.withName("Best friends").withMembers(List.of(
                new ChatInfo.ChatMember("bob", ChatInfo.Role.OWNER), new ChatInfo.ChatMember("alice",
                        ChatInfo.Role.MEMBER), new ChatInfo.ChatMember("carol", ChatInfo.Role.MEMBER))));

        String management = bed.managementRoom(ALICE);
        bed.say(ALICE, management, "sync");
        bed.awaitNotice(management, "Refreshed 2 chats.");
        assertEquals("Best friends", bed.homeserver.state(room, "m.room.name", "").orElseThrow().path("content")
                .path("name").asText());
        assertTrue(bed.homeserver.members(room, "join").contains(CAROL_GHOST));
    }

    private void join(String user, String room) {
        bed.push(bed.homeserver.sendAs(user, room, "m.room.member", Optional.of(user),
                JSON.createObjectNode().put("membership", "join")));
    }
}

package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestAccount;
import dev.passerelle.testnet.TestNetwork;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Matrix invites and kicks of ghosts in a group portal, done on the network with the acting user's login: the
 * invited person joins the chat (and their ghost the room), the kicked one leaves it; a refusal is explained in the
 * room and the room put back as the network has it; the bridge's own membership changes never go back to the
 * network.
 */
class InvitesAndKicksTest extends AliceEngineTest {

    private static final String CAROL_GHOST = "@testnet_carol:example.org";
    private static final String DAVE_GHOST = "@testnet_dave:example.org";
    private static final String NETWORK_BOT = "@testnetbot:example.org";

    @BeforeEach
    void dave() {
        TestNetwork.addAccount(TestAccount.of("dave", "Dave", "+33600000004"));
    }

    @Test
    void anAdminsInviteAndKickHappenOnTheNetwork() {
        TestNetwork.addGroup("g1", "Friends", "alice", "bob", "carol"); // Alice owns it
        String room = groupRoom("g1");

        member(EngineBed.ALICE, room, DAVE_GHOST, "invite", Optional.empty());
        until("Dave's ghost to join", () -> bed.homeserver.members(room, "join").contains(DAVE_GHOST),
                () -> alice.sent() + " " + bed.homeserver.timeline(room));
        assertTrue(calls().contains(new SentCall.AddMember("g1", "dave")), calls().toString());

        member(EngineBed.ALICE, room, CAROL_GHOST, "leave", Optional.of("spam"));
        until("Carol removed on the network", () -> calls().contains(new SentCall.RemoveMember("g1", "carol", "spam")),
                () -> alice.sent().toString());
        assertEquals(List.of(), bed.botNotices(room));
        assertTrue(!bed.homeserver.members(room, "join").contains(CAROL_GHOST), "Carol stays out of the room");
    }

    @Test
    void aRefusalIsExplainedAndTheRoomPutBack() {
        TestNetwork.addGroup("g2", "Bob's club", "bob", "alice", "carol"); // Alice is a plain member
        String room = groupRoom("g2");

        member(EngineBed.ALICE, room, DAVE_GHOST, "invite", Optional.empty());
        String notice = bed.awaitNotice(room, "was not added to the chat on Test Network");
        assertTrue(notice.contains("only admins of Bob's club can add people to it") && notice.contains("withdrawn"),
                notice);
        until("Dave's invite declined", () -> bed.homeserver.members(room, "leave").contains(DAVE_GHOST),
                () -> bed.homeserver.timeline(room).toString());

        member(EngineBed.ALICE, room, CAROL_GHOST, "leave", Optional.empty());
        bed.awaitNotice(room, "was not removed from the chat on Test Network: only admins of Bob's club");
        until("Carol back in the room", () -> bed.homeserver.members(room, "join").contains(CAROL_GHOST),
                () -> bed.homeserver.timeline(room).toString());
        assertEquals(List.of(), calls());
    }

    @Test
    void theBridgesOwnMembershipChangesAndDmsAreNotSentToTheNetwork() {
        TestNetwork.addGroup("g1", "Friends", "alice", "bob", "carol");
        String room = groupRoom("g1");
        member(CAROL_GHOST, room, CAROL_GHOST, "leave", Optional.empty()); // a ghost leaving by itself
        member(NETWORK_BOT, room, CAROL_GHOST, "leave", Optional.empty()); // the bot removing a ghost
        member(NETWORK_BOT, room, DAVE_GHOST, "invite", Optional.empty()); // the bot inviting one

        alice.message("bob", "bob", "hi");
        bed.awaitMessage("bob", "hi");
        String dm = bed.portalRoom("bob").orElseThrow();
        member(EngineBed.ALICE, dm, DAVE_GHOST, "invite", Optional.empty()); // a DM has its two people

        // Something the network does get, after all of the above on the same queues.
        member(EngineBed.ALICE, room, "@testnet_bob:example.org", "ban", Optional.empty());
        until("Bob removed", () -> !calls().isEmpty(), () -> alice.sent().toString());
        assertEquals(List.of(new SentCall.RemoveMember("g1", "bob", "")), calls());
        assertEquals(List.of(), bed.botNotices(dm));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** The group's portal, created by a message in it, with its members' ghosts joined. */
    private String groupRoom(String chatId) {
        alice.message(chatId, "bob", "hello");
        bed.awaitMessage(chatId, "hello");
        String room = bed.portalRoom(chatId).orElseThrow();
        until("Carol's ghost in the room", () -> bed.homeserver.members(room, "join").contains(CAROL_GHOST),
                () -> bed.homeserver.timeline(room).toString());
        return room;
    }

    private void member(String sender, String room, String target, String membership, Optional<String> reason) {
        ObjectNode content = JSON.createObjectNode().put("membership", membership);
        reason.ifPresent(r -> content.put("reason", r));
        bed.push(bed.homeserver.sendAs(sender, room, "m.room.member", Optional.of(target), content));
    }

    /** The membership calls the network accepted from Alice's login. */
    private List<SentCall> calls() {
        return alice.sent().stream().filter(c -> c instanceof SentCall.AddMember
                || c instanceof SentCall.RemoveMember).toList();
    }
}

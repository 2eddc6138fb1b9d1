package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.ALICE;
import static dev.passerelle.app.bridge.EngineBed.BOT;
import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.testnet.TestNetwork;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each login gets a personal space, owned by the network's bot, that holds its portals: made with the first portal,
 * the user invited, every new portal added (child in the space, parent in the portal), a deleted portal taken out.
 */
class PersonalSpaceTest extends AliceEngineTest {

    private static final String BOB = "@bob:example.org";

    @Test
    void theLoginsPortalsAreInItsSpace() {
        alice.message("bob", "bob", "hi");
        bed.awaitMessage("bob", "hi");
        String dm = bed.portalRoom("bob").orElseThrow();
        String space = awaitSpaceWithChild(ALICE, dm);
        assertEquals("invite", membership(space, ALICE));
        assertEquals("Test Network (Alice)", bed.homeserver.state(space, "m.room.name", "").orElseThrow()
                .path("content").path("name").asText());
        assertEquals(BOT, bed.homeserver.state(space, "m.room.create", "").orElseThrow().path("sender").asText());
        JsonNode parent = bed.homeserver.state(dm, "m.space.parent", space).orElseThrow().path("content");
        assertEquals("example.org", parent.path("via").get(0).asText());
        assertTrue(parent.path("canonical").asBoolean());

        TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        String group = bed.portalRoom("g1").orElseThrow();
        until("the group in the space", () -> isChild(space, group), () -> bed.homeserver.timeline(space)
                .toString());
        assertEquals(List.of(space), spaces(), "one space per login");

        // A deleted portal leaves the space.
        bed.push(bed.homeserver.sendAs(ALICE, group, "m.room.member", Optional.of(ALICE),
                JSON.createObjectNode().put("membership", "join")));
        bed.say(ALICE, group, "!tn delete-portal");
        until("the group out of the space", () -> !isChild(space, group), () -> bed.homeserver.timeline(space)
                .toString());
        assertTrue(isChild(space, dm));
    }

    @Test
    void aSecondLoginInASharedChatGetsItsOwnSpace() throws Exception {
        TestNetwork.addGroup("g1", "Friends", "bob", "alice");
        alice.message("g1", "bob", "hi all");
        bed.awaitMessage("g1", "hi all");
        String group = bed.portalRoom("g1").orElseThrow();
        String alicesSpace = awaitSpaceWithChild(ALICE, group);

        bed.login(BOB, "+33600000002");
        TestNetwork.login("bob").message("g1", "alice", "hello Bob");
        bed.awaitMessage("g1", "hello Bob");
        String bobsSpace = awaitSpaceWithChild(BOB, group);
        assertTrue(!bobsSpace.equals(alicesSpace));
        assertEquals("invite", membership(bobsSpace, BOB));
        assertEquals(2, spaces().size());
    }

    @Test
    void loggingOutTakesTheSpaceAwayAndLeavesThePortals() {
        alice.message("bob", "bob", "hi");
        bed.awaitMessage("bob", "hi");
        String dm = bed.portalRoom("bob").orElseThrow();
        String space = awaitSpaceWithChild(ALICE, dm);
        String management = bed.managementRoom(ALICE);

        bed.say(ALICE, management, "logout");
        bed.awaitNotice(management, "Logged out");

        until("Alice out of the space", () -> membership(space, ALICE).equals("leave"),
                () -> bed.homeserver.timeline(space).toString());
        assertEquals("You logged out of Test Network; your chats stay in their rooms",
                bed.homeserver.state(space, "m.room.member", ALICE).orElseThrow().path("content").path("reason")
                        .asText());
        until("the bot out of the space", () -> membership(space, BOT).equals("leave"),
                () -> bed.homeserver.timeline(space).toString());
        assertTrue(!isChild(space, dm));
        assertTrue(bed.homeserver.state(dm, "m.space.parent", space).orElseThrow().path("content").isEmpty(),
                "the portal no longer names the space as its parent");
        // The portal room itself stays, with Alice in it and its history.
        assertEquals("invite", membership(dm, ALICE));
        assertEquals(1, bed.messages(dm, "hi").size());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private String awaitSpaceWithChild(String user, String child) {
        until(user + "'s space holding " + child, () -> spaces().stream()
                .anyMatch(s -> bed.homeserver.state(s, "m.room.member", user).isPresent() && isChild(s, child)),
                () -> "spaces " + spaces());
        return spaces().stream().filter(s -> bed.homeserver.state(s, "m.room.member", user).isPresent()
                && isChild(s, child)).findFirst().orElseThrow();
    }

    private List<String> spaces() {
        return bed.homeserver.rooms().stream().filter(r -> bed.homeserver.state(r, "m.room.create", "")
                .map(e -> e.path("content").path("type").asText().equals("m.space")).orElse(false)).toList();
    }

    private boolean isChild(String space, String room) {
        return bed.homeserver.state(space, "m.space.child", room)
                .map(e -> e.path("content").path("via").isArray()).orElse(false);
    }

    private String membership(String room, String user) {
        return bed.homeserver.state(room, "m.room.member", user).map(e -> e.path("content").path("membership")
                .asText()).orElse("");
    }
}

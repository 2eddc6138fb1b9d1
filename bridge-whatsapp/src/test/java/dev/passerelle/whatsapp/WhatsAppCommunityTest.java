package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.ALICE;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testbed.BridgeBed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: a WhatsApp community's groups (its announcements group and the groups linked to it) are ordinary group
 * portals, each with its own room, name and members, and Matrix messages go to the right one; the community's own
 * group, which holds no messages, gets no room.
 */
class WhatsAppCommunityTest extends ScriptedBridgeTest {

    private static final String COMMUNITY = "120363000000000009@g.us";
    private static final String ANNOUNCEMENTS = "120363000000000010@g.us";
    private static final String GARDEN = "120363000000000011@g.us";

    private volatile String gardenName = "Garden";

    @BeforeEach
    void community() {
        sidecar.on("chat.info", r -> {
            String chat = r.params().path("chat").asText();
            ObjectNode g = object().put("id", chat);
            var ps = g.putArray("participants");
            ps.addObject().put("id", ALICE + "@s.whatsapp.net").put("role", "member");
            ps.addObject().put("id", BOB_JID).put("role", "owner");
            return switch (chat) {
                case COMMUNITY -> g.put("name", "Neighbours").put("community", true);
                case ANNOUNCEMENTS -> g.put("name", "Neighbours").put("announce", true).put("communityAnnounce", true)
                        .put("parent", COMMUNITY);
                default -> g.put("name", gardenName).put("parent", COMMUNITY);
            };
        });
    }

    private String name(String room) {
        return bed.homeserver.state(room, "m.room.name", "").orElseThrow().path("content").path("name").asText();
    }

    @Test
    void theAnnouncementsGroupAndALinkedGroupAreOrdinaryGroupRooms() {
        emit("message", message(ANNOUNCEMENTS, BOB_JID, "A1", 1_700_000_000_000L, "street party on Sunday"));
        emit("message", message(GARDEN, BOB_JID, "G1", 1_700_000_001_000L, "tomatoes are ripe"));
        bed.awaitMessage(ANNOUNCEMENTS, "street party on Sunday");
        bed.awaitMessage(GARDEN, "tomatoes are ripe");
        String announcements = bed.portalRoom(ANNOUNCEMENTS).orElseThrow();
        String garden = bed.portalRoom(GARDEN).orElseThrow();
        assertNotEquals(announcements, garden);
        assertEquals("Neighbours", name(announcements));
        assertEquals("Garden", name(garden));
        var power = bed.homeserver.state(garden, "m.room.power_levels", "").orElseThrow().path("content");
        assertTrue(power.path("users").path(BOB_GHOST).asInt() >= 50, power.toString());

        bed.sendAs(BridgeBed.ALICE, garden, "m.room.message", object().put("msgtype", "m.text").put("body", "yum"));
        assertEquals(GARDEN, sidecar.awaitRequest("send.message",
                r -> r.params().path("content").path("text").asText().equals("yum")).params().path("chat").asText());

        // The community itself changes (a group linked to it, say): no room for it; its groups still follow.
        sidecar.emit("group_changed", ALICE, object().put("chat", COMMUNITY));
        sidecar.awaitRequest("chat.info", r -> r.params().path("chat").asText().equals(COMMUNITY));
        gardenName = "Vegetable garden";
        sidecar.emit("group_changed", ALICE, object().put("chat", GARDEN));
        BridgeBed.until("the garden renamed", () -> name(garden).equals("Vegetable garden"), () -> name(garden));
        assertTrue(bed.portalRoom(COMMUNITY).isEmpty(), "the community has no room of its own");
    }
}

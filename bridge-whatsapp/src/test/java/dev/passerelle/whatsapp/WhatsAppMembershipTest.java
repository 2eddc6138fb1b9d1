package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.ALICE;
import static dev.passerelle.whatsapp.ScriptedBed.GROUP;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testbed.BridgeBed;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End to end: Matrix invites and kicks in a group portal add and remove WhatsApp participants; refusals explained. */
class WhatsAppMembershipTest extends ScriptedBridgeTest {

    private static final String DAVE = "33600000004";
    private static final String DAVE_GHOST = "@whatsapp_" + DAVE + ":example.org";

    String room;

    @BeforeEach
    void group() {
        sidecar.on("chat.info", r -> {
            ObjectNode g = object().put("id", GROUP).put("name", "The team");
            var ps = g.putArray("participants");
            ps.addObject().put("id", ALICE + "@s.whatsapp.net").put("role", "admin");
            ps.addObject().put("id", BOB_JID).put("role", "member");
            return g;
        });
        emit("message", message(GROUP, BOB_JID, "G1", 1_700_000_000_000L, "hello team"));
        bed.awaitMessage(GROUP, "hello team");
        room = bed.portalRoom(GROUP).orElseThrow();
    }

    private void member(String target, String membership) {
        bed.push(bed.homeserver.sendAs(BridgeBed.ALICE, room, "m.room.member", Optional.of(target),
                object().put("membership", membership)));
    }

    @Test
    void anInviteAddsThePersonAndAKickRemovesThem() {
        member(DAVE_GHOST, "invite");
        var add = sidecar.awaitRequest("group.participants", r -> r.params().path("action").asText().equals("add"));
        assertEquals(GROUP, add.params().path("chat").asText());
        assertEquals(DAVE + "@s.whatsapp.net", add.params().path("participant").asText());
        assertEquals(ALICE, add.params().path("session").asText(), "done by Alice's own login");

        member(BOB_GHOST, "leave");
        var remove = sidecar.awaitRequest("group.participants", r -> r.params().path("action").asText()
                .equals("remove"));
        assertEquals(BOB_JID, remove.params().path("participant").asText());
    }

    @Test
    void whenAliceIsNotAnAdminTheRoomSaysSo() {
        sidecar.on("group.participants", r -> {
            throw new ScriptedSidecar.Refusal("WA_403", "forbidden");
        });
        member(DAVE_GHOST, "invite");
        BridgeBed.until("the refusal explained", () -> bed.events(room, "m.room.message").stream().anyMatch(e ->
                e.path("content").path("msgtype").asText().equals("m.notice") && e.path("content").path("body")
                        .asText().contains("only the group's admins can add or remove members")),
                () -> bed.events(room, "m.room.message").toString());
    }
}

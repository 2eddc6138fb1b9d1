package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.GROUP;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testbed.BridgeBed;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** End to end: a group's picture is the room's avatar and follows changes; contacts' presence is their ghost's. */
class WhatsAppGroupPictureAndPresenceTest extends ScriptedBridgeTest {

    private static final String URL = "https://pps.whatsapp.net/v/t61.24694-24/";

    @Test
    void aGroupPictureIsTheRoomAvatarDownloadedOncePerPicture() {
        AtomicReference<String> picture = new AtomicReference<>("111_n.jpg");
        sidecar.on("chat.info", r -> {
            ObjectNode g = object().put("id", GROUP).put("name", "The team");
            g.putObject("picture").put("id", picture.get()).put("url", URL + picture.get() + "?oh=signed");
            return g;
        });
        sidecar.on("picture.download", r -> object().put("data",
                Base64.getEncoder().encodeToString(BridgeBed.PNG)));
        emit("message", message(GROUP, BOB_JID, "G1", 1_700_000_000_000L, "hello team"));
        bed.awaitMessage(GROUP, "hello team");
        String room = bed.portalRoom(GROUP).orElseThrow();
        BridgeBed.until("the avatar", () -> avatar(room).isPresent(), () -> "");
        String first = avatar(room).orElseThrow();
        assertEquals(URL + "111_n.jpg?oh=signed", sidecar.requests("picture.download").getFirst().params().path("url")
                .asText());

        // A name change with the same picture: nothing downloaded again.
        sidecar.emit("group_changed", ScriptedBed.ALICE, object().put("chat", GROUP).put("action", "subject"));
        BridgeBed.until("the group read again", () -> sidecar.requests("chat.info").size() >= 2, () -> "");
        picture.set("222_n.jpg");
        sidecar.emit("group_changed", ScriptedBed.ALICE, object().put("chat", GROUP).put("action", "picture"));
        BridgeBed.until("the new avatar", () -> sidecar.requests("picture.download").stream().anyMatch(r ->
                r.params().path("url").asText().contains("222_n.jpg")), () -> sidecar.requests().toString());
        assertEquals(2, sidecar.requests("picture.download").size(), "each picture downloaded once");
        BridgeBed.until("the avatar event of the new picture", () -> bed.events(room, "m.room.avatar").size() >= 2,
                () -> bed.events(room, "m.room.avatar").toString());
        assertTrue(first.startsWith("mxc://"), first);
    }

    @Test
    void aContactsPresenceIsTheirGhosts() {
        bobsRoom();
        emit("presence", object().put("user", BOB_JID).put("online", true));
        BridgeBed.until("Bob online", () -> bed.homeserver.presence(BOB_GHOST).equals(Optional.of("online")),
                () -> String.valueOf(bed.homeserver.presence(BOB_GHOST)));
        emit("presence", object().put("user", BOB_JID).put("online", false).put("lastSeen", 1_700_000_000_000L));
        BridgeBed.until("Bob away", () -> bed.homeserver.presence(BOB_GHOST).equals(Optional.of("offline")),
                () -> String.valueOf(bed.homeserver.presence(BOB_GHOST)));
    }

    private Optional<String> avatar(String room) {
        return bed.homeserver.state(room, "m.room.avatar", "").map(e -> e.path("content").path("url").asText())
                .filter(u -> !u.isEmpty());
    }
}

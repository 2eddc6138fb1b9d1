package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.BOB;
import static dev.passerelle.whatsapp.ScriptedBed.GROUP;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: the history the phone sends after linking becomes the backfill of the portals, in order and with the
 * original times, and catch-up for portals that exist; never a second copy of a message.
 */
class WhatsAppHistoryTest extends ScriptedBridgeTest {

    private static final long T0 = 1_690_000_000_000L;

    @BeforeEach
    void groups() {
        sidecar.on("chat.info", r -> object().put("id", GROUP).put("name", "The team"));
    }

    private void history(ObjectNode... messages) {
        ObjectNode d = object();
        ArrayNode list = d.putArray("messages");
        for (ObjectNode m : messages) {
            list.add(m);
        }
        emit("history", d);
    }

    private List<String> bodies(String room) {
        return bed.events(room, "m.room.message").stream().map(e -> e.path("content").path("body").asText())
                .toList();
    }

    @Test
    void historyArrivingBeforeAnyMessageBecomesTheNewPortalsBackfillWithItsOriginalTimes() {
        history(message(BOB_JID, BOB_JID, "H1", T0, "oldest"),
                message(GROUP, BOB_JID, "G1", T0 + 500, "in the group"),
                message(BOB_JID, BOB_JID, "H3", T0 + 2000, "newest"),
                message(BOB_JID, BOB_JID, "H2", T0 + 1000, "middle"));
        ObjectNode newest = bed.awaitMessage(BOB, "newest");
        String room = bed.portalRoom(BOB).orElseThrow();
        assertEquals(List.of("oldest", "middle", "newest"), bodies(room), "in the order they were written");
        assertEquals(T0 + 2000, newest.path("origin_server_ts").asLong(), "with the original time");
        assertEquals(T0, bed.messages(room, "oldest").getFirst().path("origin_server_ts").asLong());
        bed.awaitMessage(GROUP, "in the group");

        // The phone sends a chunk again, then the chat goes on live: nothing twice, the live message last.
        history(message(BOB_JID, BOB_JID, "H2", T0 + 1000, "middle"));
        emit("message", message(BOB_JID, BOB_JID, "L1", T0 + 3000, "live"));
        bed.awaitMessage(BOB, "live");
        assertEquals(List.of("oldest", "middle", "newest", "live"), bodies(room));
        assertEquals(1, bed.portalRooms(BOB));
    }

    @Test
    void aPortalThatExistsCatchesUpOnNewerHistoryAndIgnoresOlder() {
        emit("message", message(BOB_JID, BOB_JID, "L1", T0 + 1000, "already here"));
        bed.awaitMessage(BOB, "already here");
        String room = bed.portalRoom(BOB).orElseThrow();

        history(message(BOB_JID, BOB_JID, "H0", T0, "before the portal"),
                message(BOB_JID, BOB_JID, "L1", T0 + 1000, "already here"),
                message(BOB_JID, BOB_JID, "H2", T0 + 2000, "missed while unlinked"));
        bed.awaitMessage(BOB, "missed while unlinked");
        emit("message", message(BOB_JID, BOB_JID, "L3", T0 + 3000, "live again"));
        bed.awaitMessage(BOB, "live again");
        assertEquals(List.of("already here", "missed while unlinked", "live again"), bodies(room),
                "older history is not appended out of order, nothing is doubled");
    }
}

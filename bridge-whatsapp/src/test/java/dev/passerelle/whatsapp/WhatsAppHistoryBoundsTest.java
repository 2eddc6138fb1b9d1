package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.BOB;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end: a history sync with more chats than {@code history_sync.max_initial_chats} gives a room to the most
 * recently active ones only, none to a chat older than {@code max_age_days}; the others keep their history and get
 * their room, backfilled with it in order and with the original times, when their next message arrives.
 */
class WhatsAppHistoryBoundsTest extends ScriptedBridgeTest {

    private static final long NOW = System.currentTimeMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final String CAROL = "33600000003";
    private static final String DAVE = "33600000004";
    private static final String ERIN = "33600000005";
    private static final String FRANK = "33600000006";

    @Override
    void configure(ObjectNode network) {
        network.putObject("history_sync").put("max_initial_chats", 2).put("max_age_days", 30);
    }

    private static String jid(String phone) {
        return phone + "@s.whatsapp.net";
    }

    private static ObjectNode from(String phone, String id, long time, String text) {
        return message(jid(phone), jid(phone), id, time, text);
    }

    private List<String> bodies(String phone) {
        return bed.events(bed.portalRoom(phone).orElseThrow(), "m.room.message").stream()
                .map(e -> e.path("content").path("body").asText()).toList();
    }

    @Test
    void onlyTheMostRecentChatsGetARoomTheOthersGetTheirsWithTheirNextMessage() {
        ObjectNode d = object();
        ArrayNode list = d.putArray("messages");
        list.add(from(CAROL, "C1", NOW - 50 * HOUR, "carol, long ago"));
        list.add(from(CAROL, "C2", NOW - 40 * HOUR, "carol, yesterday"));
        list.add(from(DAVE, "D1", NOW - HOUR, "dave, an hour ago"));
        list.add(from(ERIN, "E1", NOW - 2 * HOUR, "erin, two hours ago"));
        list.add(from(FRANK, "F1", NOW - Duration.ofDays(60).toMillis(), "frank, two months ago"));
        list.add(from(BOB, "B1", NOW - 3 * HOUR, "bob, three hours ago"));
        emit("history", d);

        bed.awaitMessage(DAVE, "dave, an hour ago");
        bed.awaitMessage(ERIN, "erin, two hours ago");
        // The sync is announced in one go; a live message after it shows it is done.
        emit("message", from(DAVE, "D2", NOW, "dave, now"));
        bed.awaitMessage(DAVE, "dave, now");
        for (String beyond : List.of(BOB, CAROL, FRANK)) {
            assertTrue(bed.portalRoom(beyond).isEmpty(), beyond + " is beyond the bound and has no room yet");
        }

        // Carol writes again: her room comes, with the history the phone sent, in order and with its times.
        emit("message", from(CAROL, "C3", NOW + 1000, "carol, now"));
        ObjectNode live = bed.awaitMessage(CAROL, "carol, now");
        assertEquals(List.of("carol, long ago", "carol, yesterday", "carol, now"), bodies(CAROL));
        assertEquals(NOW - 50 * HOUR,
                bed.messages(bed.portalRoom(CAROL).orElseThrow(), "carol, long ago").getFirst()
                        .path("origin_server_ts").asLong(), "with the original time");
        assertEquals(NOW + 1000, live.path("origin_server_ts").asLong());

        // Frank, older than max_age_days, likewise.
        emit("message", from(FRANK, "F2", NOW + 2000, "frank, now"));
        bed.awaitMessage(FRANK, "frank, now");
        assertEquals(List.of("frank, two months ago", "frank, now"), bodies(FRANK));
        assertTrue(bed.portalRoom(BOB).isEmpty(), "bob has still not written");
    }

    @Test
    void aLaterPartOfTheSyncDoesNotGoBeyondTheBound() {
        ObjectNode first = object();
        first.putArray("messages").add(from(DAVE, "D1", NOW - HOUR, "dave, an hour ago"));
        emit("history", first);
        bed.awaitMessage(DAVE, "dave, an hour ago");

        ObjectNode second = object();
        second.putArray("messages").add(from(ERIN, "E1", NOW - 2 * HOUR, "erin, two hours ago"))
                .add(from(CAROL, "C1", NOW - 3 * HOUR, "carol, three hours ago"));
        emit("history", second);
        bed.awaitMessage(ERIN, "erin, two hours ago");
        emit("message", from(ERIN, "E2", NOW, "erin, now"));
        bed.awaitMessage(ERIN, "erin, now");
        assertTrue(bed.portalRoom(CAROL).isEmpty(), "the third chat is beyond max_initial_chats=2");
    }
}

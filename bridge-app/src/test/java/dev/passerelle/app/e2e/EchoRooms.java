package dev.passerelle.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testkit.homeserver.Events;
import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.RecordedCall;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rooms on the fake homeserver where a real user, {@code @alice}, talks and the bridge's bot answers through the
 * {@link EchoHandler}: the bot creates each room (so it is joined, as a bridge bot is), alice joins, and every
 * message alice sends is remembered in order per room, to check later that each was echoed exactly once and in
 * order. Methods block; call them from the test thread.
 */
final class EchoRooms {

    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 as homeservers speak it: the JDK client would otherwise try an h2c upgrade on plain http.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final FakeHomeserver hs;
    private final String alice;
    private final List<String> roomIds;
    private final Map<String, List<String>> sentByRoom = new LinkedHashMap<>();
    private int sent;

    private EchoRooms(FakeHomeserver hs, List<String> roomIds) {
        this.hs = hs;
        this.alice = "@alice:" + hs.options().serverName();
        this.roomIds = List.copyOf(roomIds);
        roomIds.forEach(r -> sentByRoom.put(r, new ArrayList<>()));
    }

    /** Creates {@code count} public rooms as the bot (over HTTP, with the as_token) and has alice join each. */
    static EchoRooms create(FakeHomeserver hs, int count) {
        List<String> rooms = new ArrayList<>();
        String alice = "@alice:" + hs.options().serverName();
        hs.registerUser(alice);
        for (int i = 0; i < count; i++) {
            String roomId = createRoomAsBot(hs, "e2e room " + i);
            hs.sendAs(alice, roomId, "m.room.member", Optional.of(alice),
                    JSON.createObjectNode().put("membership", "join"));
            rooms.add(roomId);
        }
        return new EchoRooms(hs, rooms);
    }

    private static String createRoomAsBot(FakeHomeserver hs, String name) {
        ObjectNode body = JSON.createObjectNode().put("preset", "public_chat").put("name", name);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(hs.url()
                    + "/_matrix/client/v3/createRoom")).header("Authorization", "Bearer " + hs.options().asToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("the fake homeserver refused createRoom: " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body()).path("room_id").asText();
        } catch (IOException e) {
            throw new AssertionError("createRoom on the fake homeserver failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    List<String> roomIds() {
        return roomIds;
    }

    /** How many messages alice sent so far. */
    int sent() {
        return sent;
    }

    /**
     * Alice sends {@code count} text messages, round-robin over the rooms; they are pushed to the bridge when the
     * fake pushes room events. Returns the events in the order sent.
     */
    List<ObjectNode> send(int count) {
        List<ObjectNode> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String room = roomIds.get(sent % roomIds.size());
            ObjectNode event = hs.sendAs(alice, room, "m.room.message", Optional.empty(),
                    Events.textContent("message " + sent));
            sentByRoom.get(room).add(event.get("event_id").asText());
            events.add(event);
            sent++;
        }
        return events;
    }

    /** The bot's successful sends so far (a deduplicated repeat counts too). */
    int botSendsAnswered() {
        return botSends().size();
    }

    /** Distinct echoes (transaction ids) the homeserver accepted. */
    int distinctEchoes() {
        Set<String> txnIds = new HashSet<>();
        botSends().forEach(c -> txnIds.add(txnId(c)));
        return txnIds.size();
    }

    /** Sends the homeserver answered with an earlier event because the same transaction id came again. */
    int deduplicatedSends() {
        return botSendsAnswered() - distinctEchoes();
    }

    /** Waits until every message sent so far has an echo. */
    void awaitAllEchoed(Duration timeout, BridgeProcess bridge) {
        Poll.until("an echo of each of the " + sent + " messages", timeout, () -> {
            bridge.requireAlive("while the messages were being echoed");
            return distinctEchoes() >= sent;
        }, () -> distinctEchoes() + " echoed; " + pusherState() + "\n" + bridge.logTail(30));
    }

    /** What the fake's pusher did so far, for failure messages. */
    String pusherState() {
        return hs.pusher().map(p -> "the fake pushed " + p.delivered().size() + " transactions in " + p.attempts()
                + " attempts").orElse("the fake pushes nothing");
    }

    /**
     * Checks the rooms' timelines: the bot's notices in each room are exactly the ids of alice's messages there, in
     * the order she sent them — none missing, none twice, none out of order.
     */
    void assertEchoedExactlyOnceInOrder() {
        List<String> problems = new ArrayList<>();
        for (String room : roomIds) {
            List<String> expected = sentByRoom.get(room);
            List<String> echoed = notices(room);
            if (!echoed.equals(expected)) {
                problems.add(describe(room, expected, echoed));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " of " + roomIds.size() + " rooms were not echoed exactly "
                    + "once in order:\n" + String.join("\n", problems.subList(0, Math.min(5, problems.size()))));
        }
    }

    /** The bodies of the bot's notices in the room's timeline, oldest first. */
    List<String> notices(String room) {
        String bot = hs.options().botUserId();
        List<String> bodies = new ArrayList<>();
        for (ObjectNode e : hs.timeline(room)) {
            JsonNode content = e.path("content");
            if (e.path("sender").asText().equals(bot) && e.path("type").asText().equals("m.room.message")
                    && content.path("msgtype").asText().equals("m.notice")) {
                bodies.add(content.path("body").asText());
            }
        }
        return bodies;
    }

    private static String describe(String room, List<String> expected, List<String> echoed) {
        Set<String> seen = new HashSet<>();
        long twice = echoed.stream().filter(id -> !seen.add(id)).count();
        long missing = expected.stream().filter(id -> !seen.contains(id)).count();
        int firstDiff = 0;
        while (firstDiff < Math.min(expected.size(), echoed.size())
                && expected.get(firstDiff).equals(echoed.get(firstDiff))) {
            firstDiff++;
        }
        return " - " + room + ": " + expected.size() + " sent, " + echoed.size() + " echoed, " + missing
                + " missing, " + twice + " twice, first difference at position " + firstDiff;
    }

    private List<RecordedCall> botSends() {
        String bot = hs.options().botUserId();
        // The raw path is matched: decoding every recorded path on each poll costs too much with 10,000 calls.
        return hs.calls().matching(c -> c.status() == 200 && c.method().equals("PUT") && c.path().contains("/send/")
                && c.user().filter(bot::equals).isPresent());
    }

    private static String txnId(RecordedCall c) {
        return c.path().substring(c.path().lastIndexOf('/') + 1);
    }
}

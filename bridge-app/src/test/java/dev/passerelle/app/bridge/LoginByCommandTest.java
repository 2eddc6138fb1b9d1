package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.CreateRoomRequest;
import dev.passerelle.testkit.homeserver.Events;
import dev.passerelle.testnet.TestAccount;
import dev.passerelle.testnet.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user logs in the way they would in Element: DM the network's bot, type {@code login code}, answer with the
 * phone number and the code — all through the homeserver's transactions into the real bridge — and from then on
 * their chats are bridged. Then {@code list-logins} and {@code logout}.
 */
class LoginByCommandTest {

    private static final String ALICE = "@alice:example.org";
    private static final String BOT = "@testnetbot:example.org";
    private static final String MALLORY = "@mallory:elsewhere.org";
    private static final String PHONE = "+33600000001";

    @TempDir
    Path dir;
    private EngineBed bed;

    @BeforeEach
    void start() {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", PHONE));
        TestNetwork.addAccount(TestAccount.of("bob", "Bob", "+33600000002"));
        bed = new EngineBed(dir);
        bed.start();
    }

    @AfterEach
    void stop() {
        bed.close();
        TestNetwork.reset();
    }

    @Test
    void loginByCodeInTheManagementRoomThenChatsAreBridgedThenLogout() {
        String room = managementRoom(ALICE);
        until("the bot to join and welcome", () -> !botNotices(room).isEmpty(), () -> "");

        say(room, "login code");
        awaitNoticeContaining(room, "Phone number");
        say(room, PHONE);
        awaitNoticeContaining(room, "code");
        String code = TestNetwork.lastCodeFor(PHONE).orElseThrow();
        String codeEvent = say(room, code);
        awaitNoticeContaining(room, "Logged in");

        // The code the user typed is taken out of the room.
        until("the code message to be redacted", () -> bed.homeserver.calls().all().stream()
                .anyMatch(c -> c.method().equals("PUT") && c.decodedPath().contains("/redact/" + codeEvent)), () -> "");
        assertTrue(bed.homeserver.calls().all().stream().noneMatch(c -> c.decodedPath().contains("/redact/")
                && c.decodedPath().contains(PHONE)), "the phone number is not a secret");

        // The login works: a message from Bob on the network reaches Alice's Matrix account in a new portal.
        until("the login to connect", () -> TestNetwork.login("alice").isConnected(), () -> "");
        TestNetwork.login("alice").message("bob", "bob", "hi Alice");
        bed.awaitMessage("bob", "hi Alice");

        say(room, "list-logins");
        String listing = awaitNoticeContaining(room, "alice");
        assertTrue(listing.contains("Alice") || listing.contains(PHONE), listing);

        say(room, "logout");
        awaitNoticeContaining(room, "Logged out");
        until("the network session to end", () -> !TestNetwork.login("alice").isConnected(), () -> "");
        say(room, "list-logins");
        until("an empty login list", () -> lastNotice(room).toLowerCase().contains("not logged in")
                || lastNotice(room).toLowerCase().contains("no login"), () -> lastNotice(room));
    }

    @Test
    void aBlockedUserGetsNoManagementRoom() {
        // EngineBed grants "user" to example.org only; a user of another server is blocked.
        String room = managementRoom(MALLORY);
        until("the bot to answer the invite", () -> bed.homeserver.calls().all().stream()
                .anyMatch(c -> c.decodedPath().contains("/leave") || c.decodedPath().contains("/join")), () -> "");
        assertFalse(bed.homeserver.members(room, "join").contains(BOT), "a blocked user's invite is not accepted");
    }

    /** {@code user} makes a DM room and invites the network's bot, delivered to the bridge by the homeserver. */
    private String managementRoom(String user) {
        bed.homeserver.registerUser(user);
        String room = onVirtualThread(() -> bed.passerelle().services().matrix().bot()
                .createRoom(CreateRoomRequest.empty().withInvites(List.of(user), true)));
        push(bed.homeserver.sendAs(user, room, "m.room.member", Optional.of(user),
                JsonNodeFactory.instance.objectNode().put("membership", "join")));
        push(bed.homeserver.sendAs(user, room, "m.room.member", Optional.of(BOT),
                JsonNodeFactory.instance.objectNode().put("membership", "invite").put("is_direct", true)));
        return room;
    }

    private String say(String room, String text) {
        ObjectNode event = bed.homeserver.sendAs(ALICE, room, "m.room.message", Optional.empty(),
                Events.textContent(text));
        push(event);
        return event.path("event_id").asText();
    }

    private void push(ObjectNode event) {
        bed.homeserver.pusher().orElseThrow().enqueue(List.of(event));
    }

    private List<String> botNotices(String room) {
        return bed.homeserver.timeline(room).stream()
                .filter(e -> e.path("sender").asText().equals(BOT))
                .filter(e -> e.path("content").path("msgtype").asText().equals("m.notice"))
                .map(e -> e.path("content").path("body").asText()).toList();
    }

    private String lastNotice(String room) {
        List<String> notices = botNotices(room);
        return notices.isEmpty() ? "" : notices.getLast();
    }

    private String awaitNoticeContaining(String room, String text) {
        int before = botNotices(room).size();
        until("a notice containing '" + text + "'", () -> botNotices(room).stream().skip(Math.max(0, before - 1))
                .anyMatch(n -> n.contains(text)), () -> "notices: " + botNotices(room));
        return botNotices(room).stream().filter(n -> n.contains(text)).reduce((a, b) -> b).orElseThrow();
    }

    private static <T> T onVirtualThread(java.util.concurrent.Callable<T> call) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return executor.submit(call).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

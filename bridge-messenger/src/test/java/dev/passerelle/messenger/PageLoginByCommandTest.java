package dev.passerelle.messenger;

import static dev.passerelle.messenger.MessengerBed.BOT;
import static dev.passerelle.testbed.BridgeBed.ALICE;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.CreateRoomRequest;
import dev.passerelle.testkit.homeserver.Events;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alice logs in to the Page the way she would in Element: {@code login page} to the Messenger bot, the Page id, the
 * token (taken out of the room once read). When Meta later refuses the token, she is told where to get a new one.
 */
class PageLoginByCommandTest {

    @TempDir
    Path dir;
    private MessengerBed bed;

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void loginPageInTheManagementRoomThenARevokedTokenIsReported() throws Exception {
        bed = new MessengerBed(dir);
        bed.start();
        String room = managementRoom();
        until("the bot to welcome Alice", () -> !botNotices(room).isEmpty(), () -> "");

        say(room, "login page");
        awaitNotice(room, "Page ID");
        say(room, MessengerBed.PAGE);
        awaitNotice(room, "Page access token");
        String tokenEvent = say(room, MessengerBed.TOKEN);
        awaitNotice(room, "Logged in");
        until("the token to be redacted", () -> bed.homeserver.calls().all().stream()
                .anyMatch(c -> c.method().equals("PUT") && c.decodedPath().contains("/redact/" + tokenEvent)), () -> "");

        bed.meta.send(bed.meta.text(MessengerBed.PAT, "m_1", "Hello Page"));
        bed.awaitMessage(MessengerBed.PAT, "Hello Page");

        // The token is revoked while the bridge is down: at the next start the check fails.
        bed.stopBridge();
        bed.graph.revoke(MessengerBed.TOKEN);
        bed.start();
        String notice = awaitNotice(room, "was signed out by Messenger");
        assertTrue(notice.contains("developers.facebook.com") && notice.contains("login page"), notice);
    }

    private String managementRoom() {
        bed.homeserver.registerUser(ALICE);
        String room;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            room = executor.submit(() -> bed.passerelle().services().matrix().bot()
                    .createRoom(CreateRoomRequest.empty().withInvites(List.of(ALICE), true))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        bed.push(bed.homeserver.sendAs(ALICE, room, "m.room.member", Optional.of(ALICE),
                JsonNodeFactory.instance.objectNode().put("membership", "join")));
        bed.push(bed.homeserver.sendAs(ALICE, room, "m.room.member", Optional.of(BOT),
                JsonNodeFactory.instance.objectNode().put("membership", "invite").put("is_direct", true)));
        return room;
    }

    private String say(String room, String text) {
        ObjectNode event = bed.sendAs(ALICE, room, "m.room.message", Events.textContent(text));
        return event.path("event_id").asText();
    }

    private List<String> botNotices(String room) {
        return bed.homeserver.timeline(room).stream()
                .filter(e -> e.path("sender").asText().equals(BOT))
                .map(e -> e.path("content").path("body").asText()).toList();
    }

    private String awaitNotice(String room, String text) {
        until("a notice containing '" + text + "'", () -> botNotices(room).stream().anyMatch(n -> n.contains(text)),
                () -> "notices: " + botNotices(room));
        return botNotices(room).stream().filter(n -> n.contains(text)).reduce((a, b) -> b).orElseThrow();
    }
}

package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.telegram.fake.FakeAccount;
import dev.passerelle.testkit.homeserver.Events;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Matrix user logs in to Telegram the way they would in Element: DM @telegrambot, {@code login phone} or
 * {@code login qr}, answer the bot — through the real bridge, the fake homeserver and the fake TDLib.
 */
class TelegramLoginByCommandTest {

    private static final String ALICE = "@alice:example.org";
    private static final String BOT = "@telegrambot:example.org";
    private static final long ALICE_ID = 1001;
    private static final long BOB_ID = 1002;
    private static final String PHONE = "+33600000001";

    @TempDir
    Path dir;
    private TelegramBridgeBed bed;

    @BeforeEach
    void start() {
        bed = new TelegramBridgeBed(dir);
        bed.telegram.add(FakeAccount.user(ALICE_ID, "Alice", PHONE).withPassword("hunter2", "usual"))
                .add(FakeAccount.user(BOB_ID, "Bob", "+33600000002"));
        bed.start();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void phoneCodeWrongCodeAndPasswordThenChatsAreBridged() {
        String room = managementRoom();
        say(room, "login phone");
        awaitNoticeContaining(room, "phone number");
        say(room, PHONE);
        // Not just "code": the phone prompt says "country code" already.
        awaitNoticeContaining(room, "Enter the code");
        say(room, "00000");
        awaitNoticeContaining(room, "The code was wrong");
        say(room, bed.telegram.lastCode(PHONE).orElseThrow());
        awaitNoticeContaining(room, "usual");
        say(room, "hunter2");
        awaitNoticeContaining(room, "Logged in");

        until("the login to connect", () -> bed.telegram.isConnected(ALICE_ID), () -> "");
        bed.telegram.write(BOB_ID, ALICE_ID, "hi Alice");
        bed.awaitMessage("1002", "hi Alice");
    }

    @Test
    void qrCodeShownRefreshedOnRotationThenPassword() {
        String room = managementRoom();
        say(room, "login qr");
        until("a QR image", () -> qrImages(room) == 1, () -> "timeline " + bed.homeserver.timeline(room));
        String first = onlyLink();
        bed.telegram.rotateQr();
        until("the QR image to be replaced", () -> qrImages(room) == 2, () -> "timeline " + bed.homeserver.timeline(room));
        String second = onlyLink();
        assertNotEquals(first, second);

        bed.telegram.scanQr(second, ALICE_ID);
        awaitNoticeContaining(room, "two-step verification");
        say(room, "hunter2");
        awaitNoticeContaining(room, "Logged in");
        until("the login to connect", () -> bed.telegram.isConnected(ALICE_ID), () -> "");
    }

    @Test
    void aSecondLoginOfTheSameAccountReplacesTheFirstWithoutLeavingItsSessionOrFiles() throws Exception {
        String bob = "@bob:example.org";
        bed.login(bob, "+33600000002", BOB_ID);
        bed.login(bob, "+33600000002", BOB_ID);

        until("one Telegram device for Bob", () -> bed.telegram.sessionCount(BOB_ID) == 1,
                () -> "devices: " + bed.telegram.sessionCount(BOB_ID));
        until("one TDLib database on disk", () -> accountDirectories().size() == 1,
                () -> "databases: " + accountDirectories());
        bed.telegram.write(ALICE_ID, BOB_ID, "still bridged");
        bed.awaitMessage("1001", "still bridged");
    }

    /** The TDLib databases under the bridge's data ({@code accounts/<id>}). */
    private List<Path> accountDirectories() {
        try (Stream<Path> all = Files.walk(bed.directory())) {
            return all.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("accounts"))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // a directory deleted while walked: look again
        }
    }

    private String onlyLink() {
        List<String> links = bed.telegram.qrLinks();
        assertEquals(1, links.size(), "one login waits for a scan: " + links);
        assertTrue(links.getFirst().startsWith("tg://login?token="));
        return links.getFirst();
    }

    /** The bot's QR images: the first one, then its replacements. */
    private long qrImages(String room) {
        return bed.homeserver.timeline(room).stream()
                .filter(e -> e.path("sender").asText().equals(BOT))
                .filter(e -> e.path("content").path("msgtype").asText().equals("m.image")
                        || e.path("content").path("m.new_content").path("msgtype").asText().equals("m.image"))
                .count();
    }

    private String managementRoom() {
        return bed.managementRoom(ALICE);
    }

    private void say(String room, String text) {
        ObjectNode event = bed.homeserver.sendAs(ALICE, room, "m.room.message", Optional.empty(),
                Events.textContent(text));
        bed.push(event);
    }

    private List<String> botNotices(String room) {
        return bed.botNotices(room);
    }

    private void awaitNoticeContaining(String room, String text) {
        until("a notice containing '" + text + "'", () -> botNotices(room).stream().anyMatch(n -> n.contains(text)),
                () -> "notices: " + botNotices(room));
    }
}

package dev.passerelle.core.command;

import static dev.passerelle.core.command.CommandFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LoginCommandTest {

    @Test
    void qrLoginShowsAScannablePngThenEditsItWhenTheCodeRotatesThenLogsIn() throws Exception {
        try (CommandFixture f = new CommandFixture()) {
            String room = f.invitedRoom(ALICE, true);

            f.say(ALICE, room, "login qr");
            ObjectNode image = f.awaitBotEvent(room, e -> isImage(e.path("content")), "an m.image");
            assertEquals("qr-1", decodeQr(f, image.path("content")));
            JsonNode info = image.path("content").path("info");
            assertEquals("image/png", info.path("mimetype").asText());
            assertTrue(info.path("w").asInt() >= 100 && info.path("h").asInt() == info.path("w").asInt(), info.toString());
            assertEquals(f.hs.media(image.path("content").path("url").asText()).orElseThrow().bytes().length,
                    info.path("size").asInt());
            f.awaitNotice(room, "Scan this QR code with the Testnet app.");

            f.target.connector.qrScript.add(new LoginStep.Display("qr", LoginStep.DisplayKind.QR, "qr-2",
                    "Scan this QR code with the Testnet app."));
            ObjectNode edit = f.awaitBotEvent(room, e -> e.path("content").path("m.relates_to").path("event_id")
                    .asText().equals(image.path("event_id").asText()), "an edit of the QR image");
            assertEquals("m.replace", edit.path("content").path("m.relates_to").path("rel_type").asText());
            assertTrue(isImage(edit.path("content").path("m.new_content")));
            assertEquals("qr-2", decodeQr(f, edit.path("content").path("m.new_content")));

            f.target.connector.qrScript.add(new LoginStep.Complete("done", new NewLogin("77", "Alice A.",
                    new byte[0])));
            f.awaitNotice(room, "Logged in to Testnet as Alice A.");
            assertEquals(1, f.target.logins.size());

            f.say(ALICE, room, "list-logins");
            assertEquals("Your Testnet logins (id, name, state):\n• 77 Alice A. — connected", f.lastNotice(room));
        }
    }

    @Test
    void codeLoginAsksForThePhoneThenTheCodeAndRedactsTheCode() {
        try (CommandFixture f = new CommandFixture()) {
            String room = f.invitedRoom(ALICE, true);

            f.say(ALICE, room, "login phone");
            f.awaitNotice(room, "Phone number: in international format");
            f.say(ALICE, room, "0612");
            f.awaitNotice(room, "That is not a valid phone number. Send it again, or cancel.");
            String phoneEvent = f.say(ALICE, room, ScriptedConnector.PHONE);
            f.awaitNotice(room, "Testnet sent you a code.\nCode: the 5 digits Testnet sent");
            String codeEvent = f.say(ALICE, room, "12345");
            f.awaitNotice(room, "Logged in to Testnet as " + ScriptedConnector.PHONE + ".");

            assertTrue(redacted(f, room, codeEvent), "the code was redacted");
            assertFalse(redacted(f, room, phoneEvent), "a phone number is no secret and stays");
            assertEquals("4242", f.target.logins.getFirst().loginId());

            f.say(ALICE, room, "ping");
            assertTrue(f.lastNotice(room).endsWith("4242 " + ScriptedConnector.PHONE + " — connected"),
                    f.lastNotice(room));
        }
    }

    @Test
    void aWrongCodeEndsTheLoginWithTheNetworksMessage() {
        try (CommandFixture f = new CommandFixture()) {
            String room = f.invitedRoom(ALICE, true);
            f.say(ALICE, room, "login phone");
            f.awaitNotice(room, "Phone number");
            f.say(ALICE, room, ScriptedConnector.PHONE);
            f.awaitNotice(room, "Code:");
            f.say(ALICE, room, "99999");

            f.awaitNotice(room, "Login failed: The code is wrong; log in again to get a new one.");
            assertEquals(0, f.target.logins.size());
        }
    }

    @Test
    void cancelStopsTheLoginAndAnotherMayStart() {
        try (CommandFixture f = new CommandFixture()) {
            String room = f.invitedRoom(ALICE, true);
            f.say(ALICE, room, "login");
            f.awaitBotEvent(room, e -> isImage(e.path("content")), "an m.image");

            f.say(ALICE, room, "login");
            // Awaited, not read as the last notice: the login thread may still be posting its QR instructions.
            assertEquals("A login is already in progress: finish it, or use cancel first.",
                    f.awaitNotice(room, "already in progress").path("content").path("body").asText());

            f.say(ALICE, room, "cancel");
            f.awaitNotice(room, "Login cancelled.");
            assertTrue(f.target.connector.cancelled.get() >= 1, "the process was cancelled");

            f.say(ALICE, room, "login phone");
            f.awaitNotice(room, "Phone number");
            f.say(ALICE, room, "cancel"); // while a question is open, cancel is still a command
            f.awaitBotEvent(room, e -> f.notices(room).stream().filter("Login cancelled."::equals).count() == 2,
                    "a second 'Login cancelled.'");
        }
    }

    @Test
    void aLoginWithoutProgressTimesOut() {
        try (CommandFixture f = new CommandFixture(Duration.ofMillis(300))) {
            String room = f.invitedRoom(ALICE, true);
            f.say(ALICE, room, "login phone");

            f.awaitNotice(room, "The login timed out");
            f.say(ALICE, room, ScriptedConnector.PHONE);
            assertEquals(0, f.target.logins.size());
            assertTrue(f.lastNotice(room).startsWith("Unknown command"), "a late answer is no answer any more");
        }
    }

    @Test
    void logoutRemovesTheOnlyLoginOrTheNamedOne() {
        try (CommandFixture f = new CommandFixture()) {
            String room = f.invitedRoom(ALICE, true);
            f.target.addLogin("testnet", ALICE, new NewLogin("1", "First", new byte[0]));
            f.target.addLogin("testnet", ALICE, new NewLogin("2", "Second", new byte[0]));

            f.say(ALICE, room, "logout");
            assertTrue(f.lastNotice(room).startsWith("You have several logins"), f.lastNotice(room));
            f.say(ALICE, room, "logout 3");
            assertTrue(f.lastNotice(room).startsWith("You have no login 3."), f.lastNotice(room));

            f.say(ALICE, room, "logout 2");
            assertEquals("Logged out of Second.", f.lastNotice(room));
            f.say(ALICE, room, "logout");
            assertEquals("Logged out of First.", f.lastNotice(room));
            assertEquals(java.util.List.of("2", "1"), f.target.loggedOut);
        }
    }

    private static boolean isImage(JsonNode content) {
        return content.path("msgtype").asText().equals("m.image") && !content.has("m.relates_to");
    }

    private static boolean redacted(CommandFixture f, String room, String eventId) {
        return f.hs.timeline(room).stream().anyMatch(e -> e.path("type").asText().equals("m.room.redaction")
                && e.path("content").path("redacts").asText().equals(eventId)
                && e.path("sender").asText().equals(CommandFixture.BOT));
    }

    private static String decodeQr(CommandFixture f, JsonNode imageContent) throws Exception {
        byte[] png = f.hs.media(imageContent.path("url").asText()).orElseThrow().bytes();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(),
                pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}

package dev.passerelle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.telegram.fake.FakeAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every login flow against the fake TDLib, as a user steps through it. */
class TelegramLoginTest {

    private static final long ALICE = 1001;
    private static final long CAROL = 1003;
    private static final long BOT = 5005;

    @TempDir
    Path data;
    private TelegramBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = new TelegramBed(data);
        bed.telegram.add(FakeAccount.user(ALICE, "Alice", "+33600000001"))
                .add(FakeAccount.user(CAROL, "Carol", "+33600000003").withPassword("hunter2", "the usual"))
                .add(FakeAccount.bot(BOT, "Relay", "5005:AAHsecret"));
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void phoneThenCodeLogsIn() throws Exception {
        try (LoginProcess login = bed.connector.startLogin("phone", "@alice:example.org")) {
            LoginStep.UserInput phone = assertInstanceOf(LoginStep.UserInput.class, login.start());
            assertEquals(InputField.Kind.PHONE_NUMBER, phone.fields().getFirst().kind());
            LoginStep.UserInput code = assertInstanceOf(LoginStep.UserInput.class,
                    login.submit(Map.of("phone", "+33 6 00 00 00 01")));
            assertEquals(InputField.Kind.CODE, code.fields().getFirst().kind());
            assertTrue(code.instructions().contains("+33600000001"), code.instructions());
            LoginStep.Complete done = assertInstanceOf(LoginStep.Complete.class,
                    login.submit(Map.of("code", bed.telegram.lastCode("+33600000001").orElseThrow())));
            assertEquals("1001", done.login().loginId());
            assertEquals("Alice", done.login().remoteName());
        }
        assertTrue(bed.telegram.hasSession(ALICE));
    }

    @Test
    void aWrongCodeIsAskedAgainThenThePasswordWithItsHint() throws Exception {
        try (LoginProcess login = bed.connector.startLogin("phone", "@carol:example.org")) {
            login.start();
            login.submit(Map.of("phone", "+33600000003"));
            LoginStep.UserInput again = assertInstanceOf(LoginStep.UserInput.class,
                    login.submit(Map.of("code", "00000")));
            assertEquals("code", again.stepId());
            assertTrue(again.instructions().startsWith("The code was wrong"), again.instructions());
            LoginStep.UserInput password = assertInstanceOf(LoginStep.UserInput.class,
                    login.submit(Map.of("code", bed.telegram.lastCode("+33600000003").orElseThrow())));
            assertEquals(InputField.Kind.PASSWORD, password.fields().getFirst().kind());
            assertEquals("Hint: the usual", password.fields().getFirst().description());
            LoginStep.UserInput wrong = assertInstanceOf(LoginStep.UserInput.class,
                    login.submit(Map.of("password", "hunter3")));
            assertTrue(wrong.instructions().startsWith("The password was wrong"), wrong.instructions());
            assertEquals(1, count(wrong.instructions(), "wrong"), "notices do not pile up: " + wrong.instructions());
            LoginStep.Complete done = assertInstanceOf(LoginStep.Complete.class,
                    login.submit(Map.of("password", "hunter2")));
            assertEquals("1003", done.login().loginId());
        }
    }

    @Test
    void floodWaitSaysHowLong() throws Exception {
        bed.telegram.floodWaitNextLogin(3 * 3600 + 20 * 60);
        try (LoginProcess login = bed.connector.startLogin("phone", "@alice:example.org")) {
            login.start();
            LoginException e = assertThrows(LoginException.class, () -> login.submit(Map.of("phone", "+33600000001")));
            assertEquals("PASSERELLE.TELEGRAM.FLOOD_WAIT", e.code());
            assertTrue(e.getMessage().contains("3 hours 20 minutes"), e.getMessage());
        }
    }

    @Test
    void qrCodeIsRefreshedWhenTdlibRotatesItThenThePasswordCompletes() throws Exception {
        try (LoginProcess login = bed.connector.startLogin("qr", "@carol:example.org")) {
            LoginStep.Display first = assertInstanceOf(LoginStep.Display.class, login.start());
            assertEquals(LoginStep.DisplayKind.QR, first.kind());
            assertTrue(first.data().startsWith("tg://login?token="), first.data());
            assertEquals(first, login.awaitNext(Duration.ofMillis(200)), "nothing changed yet");

            bed.telegram.rotateQr();
            LoginStep.Display second = assertInstanceOf(LoginStep.Display.class, login.awaitNext(Duration.ofSeconds(15)));
            assertNotEquals(first.data(), second.data());
            assertThrows(IllegalArgumentException.class, () -> bed.telegram.scanQr(first.data(), CAROL),
                    "the old code no longer works");

            bed.telegram.scanQr(second.data(), CAROL);
            LoginStep.UserInput password = assertInstanceOf(LoginStep.UserInput.class,
                    login.awaitNext(Duration.ofSeconds(15)));
            assertEquals("password", password.stepId());
            LoginStep.Complete done = assertInstanceOf(LoginStep.Complete.class,
                    login.submit(Map.of("password", "hunter2")));
            assertEquals("1003", done.login().loginId());
        }
    }

    @Test
    void botTokenLogsInAsTheBotAndAWrongTokenIsAskedAgain() throws Exception {
        try (LoginProcess login = bed.connector.startLogin("bot", "@alice:example.org")) {
            LoginStep.UserInput token = assertInstanceOf(LoginStep.UserInput.class, login.start());
            assertEquals(InputField.Kind.TOKEN, token.fields().getFirst().kind());
            LoginStep.UserInput again = assertInstanceOf(LoginStep.UserInput.class,
                    login.submit(Map.of("token", "5005:wrong")));
            assertTrue(again.instructions().contains("does not accept this bot token"), again.instructions());
            LoginStep.Complete done = assertInstanceOf(LoginStep.Complete.class,
                    login.submit(Map.of("token", "5005:AAHsecret")));
            assertEquals("5005", done.login().loginId());
            assertTrue(done.login().remoteName().contains("@relay_bot"), done.login().remoteName());
        }
    }

    @Test
    void aNumberWithoutAccountEndsTheLoginWithWhatToDoAndLeavesNothingBehind() throws Exception {
        try (LoginProcess login = bed.connector.startLogin("phone", "@dave:example.org")) {
            login.start();
            LoginException e = assertThrows(LoginException.class, () -> login.submit(Map.of("phone", "+33699999999")));
            assertEquals("PASSERELLE.TELEGRAM.NO_ACCOUNT", e.code());
            assertTrue(e.getMessage().contains("Sign up in the official Telegram app"), e.getMessage());
        }
        assertEquals(0, accountDirectories(), "the abandoned login's database is deleted");
    }

    @Test
    void aCancelledLoginDeletesItsDatabase() throws Exception {
        LoginProcess login = bed.connector.startLogin("phone", "@alice:example.org");
        login.start();
        assertEquals(1, accountDirectories());
        login.cancel();
        assertEquals(0, accountDirectories());
    }

    @Test
    void theSessionSurvivesARestartWithTheSameSecretOnly() throws Exception {
        NewLogin login = bed.loginByPhone("+33600000001", "");
        bed.close();
        bed = new TelegramBed(data, new byte[32], bed.telegram);
        EventRecorder events = new EventRecorder();
        TelegramClient client = bed.connect(login, events);
        assertTrue(client.isLoggedIn());
        client.disconnect();
        bed.close();

        byte[] otherSecret = new byte[32];
        otherSecret[0] = 1;
        bed = new TelegramBed(data, otherSecret, bed.telegram);
        EventRecorder refused = new EventRecorder();
        var other = bed.connector.loadClient(new dev.passerelle.core.spi.StoredLogin(login.loginId(),
                "@alice:example.org", login.remoteName(), login.secret()), refused);
        other.connect();
        RemoteEvent.LoginStateChanged error = refused.await(RemoteEvent.LoginStateChanged.class,
                e -> e.state() == LoginState.UNKNOWN_ERROR);
        assertTrue(error.message().contains("Wrong database encryption key"), error.message());
    }

    @Test
    void logoutEndsTheSessionAndDeletesTheDatabase() throws Exception {
        NewLogin login = bed.loginByPhone("+33600000001", "");
        TelegramClient client = bed.connect(login, new EventRecorder());
        assertEquals(1, accountDirectories());
        client.logout();
        assertFalse(bed.telegram.hasSession(ALICE));
        assertFalse(client.isLoggedIn());
        assertEquals(0, accountDirectories());
    }

    @Test
    void aSessionTerminatedElsewhereBecomesBadCredentials() throws Exception {
        NewLogin login = bed.loginByPhone("+33600000001", "");
        EventRecorder events = new EventRecorder();
        TelegramClient client = bed.connect(login, events);
        bed.telegram.terminateSessions(ALICE);
        RemoteEvent.LoginStateChanged bad = events.await(RemoteEvent.LoginStateChanged.class,
                e -> e.state() == LoginState.BAD_CREDENTIALS);
        assertTrue(bad.message().contains("Log in again"), bad.message());
        assertFalse(client.isLoggedIn());
    }

    @Test
    void anUnknownFlowNamesTheFlows() {
        LoginException e = assertThrows(LoginException.class, () -> bed.connector.startLogin("sms", "@a:b"));
        assertTrue(e.getMessage().contains("qr, phone, bot"), e.getMessage());
    }

    private long accountDirectories() throws java.io.IOException {
        Path accounts = data.resolve("accounts");
        if (!Files.exists(accounts)) {
            return 0;
        }
        try (var list = Files.list(accounts)) {
            return list.count();
        }
    }

    private static int count(String text, String word) {
        return text.split(word, -1).length - 1;
    }
}

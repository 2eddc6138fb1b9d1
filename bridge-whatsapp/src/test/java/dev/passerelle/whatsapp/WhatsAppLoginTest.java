package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhatsAppLoginTest {

    private static String loginSession(ScriptedBed bed) {
        return bed.sidecar.awaitRequest("session.open", r -> r.params().path("session").asText().startsWith("login-"))
                .params().path("session").asText();
    }

    private static void linked(ScriptedBed bed, String session) {
        // Baileys writes the new device's creds through the bridge, then the connection opens as the account.
        bed.sidecar.ask("state.set", object().put("session", session).set("values",
                object().put("creds", "{\"me\":\"alice-keys\"}").put("pre-key/1", "{\"k\":1}")));
        var open = object().put("state", "open");
        open.putObject("me").put("id", ScriptedBed.ALICE + ":7@s.whatsapp.net").put("lid", "1111:7@lid")
                .put("name", "Alice");
        bed.sidecar.emit("connection", session, open);
    }

    @Test
    void qrCodesAreShownRefreshedAndTheLinkedDeviceBecomesTheLogin() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            LoginProcess login = bed.connector.startLogin("qr", "@alice:example.org");
            Thread.ofVirtual().start(() -> {
                String session = loginSession(bed);
                bed.sidecar.emit("qr", session, object().put("code", "2@first,code"));
            });
            var first = assertInstanceOf(LoginStep.Display.class, login.start());
            assertEquals(LoginStep.DisplayKind.QR, first.kind());
            assertEquals("2@first,code", first.data());
            String session = loginSession(bed);

            assertEquals(first, login.awaitNext(Duration.ofMillis(50)), "the same code while nothing happens");
            bed.sidecar.emit("qr", session, object().put("code", "2@second,code"));
            var second = assertInstanceOf(LoginStep.Display.class, login.awaitNext(Duration.ofSeconds(30)));
            assertEquals("2@second,code", second.data());

            linked(bed, session);
            var done = assertInstanceOf(LoginStep.Complete.class, login.awaitNext(Duration.ofSeconds(30)));
            assertEquals(ScriptedBed.ALICE, done.login().loginId());
            assertEquals("+33600000001 (Alice)", done.login().remoteName());
            // The keys written during linking now belong to the login; nothing is left under the temporary session.
            assertArrayEquals("{\"me\":\"alice-keys\"}".getBytes(StandardCharsets.UTF_8),
                    bed.store.get(ScriptedBed.ALICE, "creds").orElseThrow());
            assertEquals(Map.of(), bed.store.listByPrefix(session, ""));
            bed.sidecar.awaitRequest("session.close", r -> r.params().path("session").asText().equals(session));
        }
    }

    @Test
    void aQrLoginNobodyScansTimesOutAndForgetsItsKeys() throws Exception {
        try (ScriptedBed bed = new ScriptedBed("{\"login_timeout_seconds\": 1}")) {
            LoginProcess login = bed.connector.startLogin("qr", "@alice:example.org");
            Thread.ofVirtual().start(() -> bed.sidecar.emit("qr", loginSession(bed), object().put("code", "2@c")));
            login.start();
            String session = loginSession(bed);
            bed.sidecar.ask("state.set", object().put("session", session).set("values", object().put("creds", "{}")));
            var e = assertThrows(LoginException.class, () -> {
                while (true) {
                    login.awaitNext(Duration.ofSeconds(5));
                }
            });
            assertEquals("PASSERELLE.WHATSAPP.LOGIN_TIMEOUT", e.code());
            assertTrue(e.getMessage().contains("`login`"), e.getMessage());
            assertEquals(Map.of(), bed.store.listByPrefix(session, ""));
            bed.sidecar.awaitRequest("session.close", r -> r.params().path("session").asText().equals(session));
        }
    }

    @Test
    void pairingCodeFlowAsksForThePhoneAndShowsTheCode() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            bed.sidecar.on("session.pair", r -> {
                if (!r.params().path("phone").asText().equals(ScriptedBed.ALICE)) {
                    throw new ScriptedSidecar.Refusal("BAD_REQUEST", "unexpected phone " + r.params());
                }
                return object().put("code", "ABCD1234");
            });
            LoginProcess login = bed.connector.startLogin("phone", "@alice:example.org");
            var ask = assertInstanceOf(LoginStep.UserInput.class, login.start());
            assertEquals(InputField.Kind.PHONE_NUMBER, ask.fields().getFirst().kind());

            var again = assertInstanceOf(LoginStep.UserInput.class, login.submit(Map.of("phone", "not a number")));
            assertTrue(again.instructions().contains("country code"), again.instructions());

            Thread.ofVirtual().start(() -> bed.sidecar.emit("qr", loginSession(bed), object().put("code", "2@x")));
            var code = assertInstanceOf(LoginStep.Display.class, login.submit(Map.of("phone", "+33 6 00 00 00 01")));
            assertEquals(LoginStep.DisplayKind.CODE, code.kind());
            assertEquals("ABCD-1234", code.data());
            assertTrue(code.instructions().contains("Link with phone number"), code.instructions());

            linked(bed, loginSession(bed));
            var done = assertInstanceOf(LoginStep.Complete.class, login.awaitNext(Duration.ofSeconds(30)));
            assertEquals(ScriptedBed.ALICE, done.login().loginId());
        }
    }

    @Test
    void whatsAppUnreachableFailsTheLoginWithAMessage() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            LoginProcess login = bed.connector.startLogin("qr", "@alice:example.org");
            Thread.ofVirtual().start(() -> bed.sidecar.emit("connection", loginSession(bed), object()
                    .put("state", "close").put("reason", "transient").put("message", "getaddrinfo ENOTFOUND web.whatsapp.com")
                    .put("retryInMs", 1000)));
            var e = assertThrows(LoginException.class, login::start);
            assertEquals("PASSERELLE.WHATSAPP.UNREACHABLE", e.code());
            assertTrue(e.getMessage().contains("ENOTFOUND"), e.getMessage());
        }
    }

    @Test
    void aRefusedLinkEndsTheLogin() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            LoginProcess login = bed.connector.startLogin("qr", "@alice:example.org");
            Thread.ofVirtual().start(() -> bed.sidecar.emit("qr", loginSession(bed), object().put("code", "2@c")));
            login.start();
            bed.sidecar.emit("connection", loginSession(bed), object().put("state", "close")
                    .put("reason", "banned").put("message", "forbidden").put("retryInMs", -1));
            var e = assertThrows(LoginException.class, () -> login.awaitNext(Duration.ofSeconds(30)));
            assertEquals("PASSERELLE.WHATSAPP.LINK_REFUSED", e.code());
        }
    }
}

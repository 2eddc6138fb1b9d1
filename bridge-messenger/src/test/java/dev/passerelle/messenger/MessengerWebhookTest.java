package dev.passerelle.messenger;

import static dev.passerelle.messenger.MessengerBed.PAT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.passerelle.testbed.BridgeBed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import dev.passerelle.testkit.homeserver.RequestMatcher;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook endpoint end to end: Meta's handshake, signatures, storage before the 200, repeats and crashes. */
class MessengerWebhookTest {

    @TempDir
    Path dir;
    private MessengerBed bed;

    @AfterEach
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void theVerificationHandshakeAnswersTheChallengeOnlyWithTheVerifyToken() throws Exception {
        bed = MessengerBed.withPageLoggedIn(dir);

        assertEquals(new MetaWebhooks.Answer(200, "1158201444"), bed.meta.verify("subscribe",
                MessengerBed.VERIFY_TOKEN, "1158201444"));
        assertEquals(403, bed.meta.verify("subscribe", "not-the-verify-token", "1158201444").status());
        assertEquals(403, bed.meta.verify("unsubscribe", MessengerBed.VERIFY_TOKEN, "1158201444").status());
    }

    @Test
    void aFirstMessageCreatesThePortalWithThePersonsGhost() throws Exception {
        bed = MessengerBed.withPageLoggedIn(dir);

        bed.meta.send(bed.meta.text(PAT, "m_hello", "Hello, are you open on Sunday?"));

        var event = bed.awaitMessage(PAT, "Hello, are you open on Sunday?");
        assertEquals(MessengerBed.PAT_GHOST, event.path("sender").asText());
        String room = bed.patRoom();
        BridgeBed.until("Pat's ghost to be named", () -> bed.homeserver.profile(MessengerBed.PAT_GHOST)
                .path("displayname").asText().equals("Pat Doe"), () -> bed.homeserver.profile(MessengerBed.PAT_GHOST)
                .toString());
        assertEquals(List.of(MessengerBed.PAT_GHOST), bed.homeserver.members(room, "join").stream()
                .filter(m -> m.startsWith("@messenger_")).toList());
        assertEquals("Pat Doe", bed.homeserver.state(room, "m.room.name", "").orElseThrow().path("content")
                .path("name").asText());
    }

    @Test
    void aBadOrMissingSignatureIsRefusedAndNothingIsStored() throws Exception {
        bed = MessengerBed.withPageLoggedIn(dir);
        byte[] body = bed.meta.body(List.of(bed.meta.text(PAT, "m_forged", "forged")));

        assertEquals(403, bed.meta.post(body, Optional.empty()).status());
        assertEquals(403, bed.meta.post(body, Optional.of("sha256=" + "0".repeat(64))).status());
        String signedByAnother = new MetaWebhooks(bed.bridgeUrl(), MessengerBed.PAGE, "another-app-secret")
                .sign(body);
        assertEquals(403, bed.meta.post(body, Optional.of(signedByAnother)).status());
        byte[] altered = new String(body, StandardCharsets.UTF_8).replace("forged", "FORGED")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(403, bed.meta.post(altered, Optional.of(bed.meta.sign(body))).status());

        assertEquals(0, bed.deliveries(false));
        assertEquals(Optional.empty(), bed.portalRoom(PAT));
        assertEquals(4.0, deliveriesCounted("refused"));
        assertEquals(0.0, deliveriesCounted("stored"));
    }

    private double deliveriesCounted(String result) {
        return bed.passerelle().meterRegistry().counter("passerelle.webhook.deliveries", "network", "messenger",
                "result", result).count();
    }

    @Test
    void aDeliveryMetaSendsAgainIsNotBridgedTwice() throws Exception {
        bed = MessengerBed.withPageLoggedIn(dir);
        var item = bed.meta.text(PAT, "m_once", "only once please");

        byte[] body = bed.meta.send(item);
        assertEquals(200, bed.meta.post(body, Optional.of(bed.meta.sign(body))).status());
        // Meta may also resend the event in a new delivery, with the same message id.
        bed.meta.send(item.deepCopy());
        bed.meta.send(bed.meta.text(PAT, "m_after", "and then this"));

        bed.awaitMessage(PAT, "and then this");
        assertEquals(1, bed.messages(bed.patRoom(), "only once please").size());
        assertEquals(3, bed.deliveries(false));
        assertEquals(3.0, deliveriesCounted("stored"));
        assertEquals(1.0, deliveriesCounted("duplicate"));
        BridgeBed.until("every delivery to be done", () -> bed.deliveries(true) == 0, () -> "");
    }

    @Test
    void aCrashBetweenStoringAndBridgingLosesNothing() throws Exception {
        bed = MessengerBed.withPageLoggedIn(dir);
        // The homeserver hangs on the portal's creation: the delivery is stored and answered, not yet bridged.
        bed.homeserver.delayNext(1, RequestMatcher.of("POST", "/createRoom"), Duration.ofMinutes(5));
        bed.meta.send(bed.meta.text(PAT, "m_crash", "sent just before the crash"));
        BridgeBed.until("the portal's creation to start", () -> bed.homeserver.isRegistered(MessengerBed.PAT_GHOST),
                () -> "");
        assertEquals(1, bed.deliveries(true));

        bed.stopBridge();
        assertEquals(1, bed.deliveries(true));
        bed.homeserver.clearFaults();
        bed.start();

        bed.awaitMessage(PAT, "sent just before the crash");
        BridgeBed.until("the delivery to be done", () -> bed.deliveries(true) == 0, () -> "");
        assertEquals(1, bed.portalRooms(PAT));
        assertEquals(1, bed.messages(bed.patRoom(), "sent just before the crash").size());
    }

    @Test
    void deliveriesForAPageNobodyIsLoggedInToAreAcknowledgedAndDropped() throws Exception {
        bed = new MessengerBed(dir);
        bed.start();

        bed.meta.send(bed.meta.text(PAT, "m_nobody", "is anyone there?"));

        BridgeBed.until("the delivery to be handled", () -> bed.deliveries(true) == 0, () -> "");
        assertEquals(Optional.empty(), bed.portalRoom(PAT));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        bed = MessengerBed.withPageLoggedIn(dir);
        byte[] big = bed.meta.body(List.of(bed.meta.text(PAT, "m_big", "x".repeat(5 * 1024 * 1024))));

        assertEquals(413, bed.meta.post(big, Optional.of(bed.meta.sign(big))).status());
        assertEquals(0, bed.deliveries(false));
    }
}

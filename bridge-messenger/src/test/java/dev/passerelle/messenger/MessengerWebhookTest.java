package dev.passerelle.messenger;

import static dev.passerelle.messenger.MessengerBed.PAT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.passerelle.testbed.BridgeBed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    }
}

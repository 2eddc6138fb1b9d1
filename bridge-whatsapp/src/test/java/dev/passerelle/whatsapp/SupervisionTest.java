package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.ALICE;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.ConnectorException;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.testbed.BridgeBed;
import dev.passerelle.core.spi.RemoteEvent;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The sidecar dying, hanging or being of another version, with the scripted sidecar. */
class SupervisionTest {

    private static OutgoingMessage text(String eventId, String text) {
        return new OutgoingMessage(ScriptedBed.GROUP, eventId, new MessageContent.Text(FormattedText.plain(text),
                MessageContent.TextKind.NORMAL), Optional.empty(), Optional.empty());
    }

    @Test
    void aSidecarCrashMidSendIsRetriedAsTheSameMessageOnceTheLoginIsBack() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            AtomicBoolean crashed = new AtomicBoolean();
            bed.sidecar.on("send.message", r -> {
                if (crashed.compareAndSet(false, true)) {
                    bed.sidecar.crash(); // dies before answering: the message may or may not have left
                    return ScriptedSidecar.NO_ANSWER;
                }
                return object().put("id", r.params().path("messageId").asText()).put("timestamp", 1_700_000_000_000L);
            });
            int before = alice.sink().size();
            var sent = alice.client().sendMessage(text("$crash", "survives"));

            var attempts = bed.sidecar.requests("send.message");
            assertEquals(2, attempts.size());
            assertEquals(1, attempts.get(0).generation());
            assertEquals(2, attempts.get(1).generation(), "sent again to the restarted sidecar");
            assertEquals(attempts.get(0).params().path("messageId"), attempts.get(1).params().path("messageId"),
                    "the same WhatsApp message id, so WhatsApp cannot show it twice");
            assertEquals(WhatsAppClient.messageIdFor("$crash"), sent.messageId());
            assertEquals(1, bed.connector.sidecar().restarts());
            // The login reopened its session in the new process and said so.
            bed.sidecar.awaitRequest("session.open", r -> r.generation() == 2 && r.params().path("session").asText()
                    .equals(ALICE));
            alice.sink().await(RemoteEvent.LoginStateChanged.class, s -> s.state() == LoginState.CONNECTED, before);
        }
    }

    @Test
    void aSendThatCannotBeConfirmedIsReportedNotLost() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.autoConnect = false; // after the crash WhatsApp does not come back
            bed.sidecar.on("send.message", r -> {
                bed.sidecar.crash();
                return ScriptedSidecar.NO_ANSWER;
            });
            long start = System.nanoTime();
            var e = assertThrows(dev.passerelle.core.spi.NetworkException.class,
                    () -> alice.client().sendMessage(text("$lost", "never confirmed")));
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().contains("was not sent"), e.getMessage());
            assertTrue(System.nanoTime() - start >= WhatsAppClient.SEND_PATIENCE.toNanos() / 2,
                    "it waited for the login to come back first");
        }
    }

    @Test
    void whenWhatsAppItselfIsUnreachableASendFailsSoonSayingSo() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.emit("connection", ALICE, object().put("state", "close").put("reason", "transient")
                    .put("message", "Connection Lost").put("retryInMs", 60000));
            BridgeBed.until("alice disconnected", () -> alice.client().state() == LoginState.TRANSIENT_DISCONNECT,
                    () -> "state " + alice.client().state());
            bed.sidecar.on("send.message", r -> {
                throw new ScriptedSidecar.Refusal("NOT_CONNECTED", "not connected to WhatsApp right now");
            });
            long start = System.nanoTime();
            var e = assertThrows(dev.passerelle.core.spi.NetworkException.class,
                    () -> alice.client().sendMessage(text("$down", "later")));
            assertTrue(e.isTransient() && e.getMessage().contains("not connected to WhatsApp"), e.getMessage());
            assertTrue(System.nanoTime() - start < WhatsAppClient.SEND_PATIENCE.toNanos(),
                    "a WhatsApp outage does not hold the portal for the whole sidecar patience");
        }
    }

    @Test
    void aHungSidecarIsRestartedByTheHeartbeat() throws Exception {
        try (ScriptedBed bed = ScriptedBed.started()) {
            var alice = bed.alice();
            bed.sidecar.on("ping", r -> r.generation() == 1 ? ScriptedSidecar.NO_ANSWER : object());
            BridgeBed.until("a restart after missed heartbeats", () -> bed.connector.sidecar().restarts() >= 1,
                    () -> "no restart");
            bed.sidecar.awaitRequest("session.open", r -> r.generation() == 2);
            BridgeBed.until("alice connected again", () -> alice.client().state() == LoginState.CONNECTED,
                    () -> "state " + alice.client().state());
        }
    }

    @Test
    void aSidecarOfAnotherProtocolVersionIsRefusedClearly() {
        ScriptedSidecar other = new ScriptedSidecar();
        other.protocolVersion = 1;
        WhatsAppConnector connector = new WhatsAppConnector(config -> other);
        var e = assertThrows(ConnectorException.class, () -> connector.start(new dev.passerelle.core.spi.ConnectorContext(
                ScriptedSidecar.JSON.createObjectNode(), java.nio.file.Path.of("target"), new byte[32],
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry())));
        assertTrue(e.getMessage().contains("another version") && e.getMessage().contains("protocol version 1")
                && e.getMessage().contains("sidecar_path"), e.getMessage());
    }
}

package dev.passerelle.whatsapp;

import static dev.passerelle.whatsapp.ScriptedBed.BOB;
import static dev.passerelle.whatsapp.ScriptedSidecar.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testbed.BridgeBed;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** End to end: voice notes keep their waveform and GIFs stay GIFs, both ways. */
class WhatsAppMediaTest extends ScriptedBridgeTest {

    private static final String RAW = Base64.getEncoder().encodeToString("raw message".getBytes());

    private ObjectNode media(String id, ObjectNode content) {
        ObjectNode m = object().put("chat", BOB_JID).put("id", id).put("fromMe", false)
                .put("timestamp", 1_700_000_500_000L).put("sender", BOB_JID).put("raw", RAW);
        m.set("content", content);
        return m;
    }

    @Test
    void aVoiceNoteFromWhatsAppShowsItsWaveform() {
        String room = bobsRoom();
        String waveform = Base64.getEncoder().encodeToString(new byte[] {0, 50, 100});
        emit("message", media("V1", object().put("kind", "voice").put("mimetype", "audio/ogg; codecs=opus")
                .put("seconds", 4).put("waveform", waveform)));
        BridgeBed.until("the voice note", () -> bed.events(room, "m.room.message").stream()
                .anyMatch(e -> e.path("content").path("msgtype").asText().equals("m.audio")), () -> "");
        ObjectNode voice = bed.events(room, "m.room.message").stream()
                .filter(e -> e.path("content").path("msgtype").asText().equals("m.audio")).findFirst().orElseThrow();
        var content = voice.path("content");
        assertTrue(content.has("org.matrix.msc3245.voice"), content.toString());
        assertEquals("[0,512,1024]", content.path("org.matrix.msc1767.audio").path("waveform").toString());
    }

    @Test
    void aGifFromWhatsAppLoopsInMatrix() {
        String room = bobsRoom();
        emit("message", media("G1", object().put("kind", "gif").put("mimetype", "video/mp4").put("seconds", 2)));
        BridgeBed.until("the GIF", () -> bed.events(room, "m.room.message").stream()
                .anyMatch(e -> e.path("content").path("msgtype").asText().equals("m.video")), () -> "");
        ObjectNode gif = bed.events(room, "m.room.message").stream()
                .filter(e -> e.path("content").path("msgtype").asText().equals("m.video")).findFirst().orElseThrow();
        assertTrue(gif.path("content").path("info").path("fi.mau.gif").asBoolean(), gif.toString());
    }

    @Test
    void aMatrixVoiceNoteKeepsItsWaveformAndAMatrixGifIsSentAsAWhatsAppGif() throws Exception {
        String room = bobsRoom();
        String audio = bed.upload(new byte[] {1, 2, 3}, "audio/ogg");
        ObjectNode voice = object().put("msgtype", "m.audio").put("body", "voice.ogg").put("url", audio);
        voice.putObject("info").put("mimetype", "audio/ogg").put("duration", 3000);
        var wave = voice.putObject("org.matrix.msc1767.audio").put("duration", 3000).putArray("waveform");
        for (int i = 0; i < 128; i++) {
            wave.add(i < 64 ? 0 : 1024);
        }
        voice.putObject("org.matrix.msc3245.voice");
        bed.sendAs(BridgeBed.ALICE, room, "m.room.message", voice);
        var sent = sidecar.awaitRequest("send.message", r -> r.params().path("content").path("kind").asText()
                .equals("voice")).params().path("content");
        byte[] samples = Base64.getDecoder().decode(sent.path("waveform").asText());
        assertEquals(64, samples.length);
        assertEquals(0, samples[0]);
        assertEquals(100, samples[63], "1024 in Matrix is WhatsApp's 100");

        String video = bed.upload(new byte[] {4, 5, 6}, "video/mp4");
        ObjectNode gif = object().put("msgtype", "m.video").put("body", "funny.mp4").put("url", video);
        gif.putObject("info").put("mimetype", "video/mp4").put("fi.mau.gif", true);
        bed.sendAs(BridgeBed.ALICE, room, "m.room.message", gif);
        sidecar.awaitRequest("send.message", r -> r.params().path("content").path("kind").asText().equals("gif"));
        assertEquals(BOB_JID, sidecar.requests("send.message").getLast().params().path("chat").asText());
    }
}

package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageContent.MediaKind;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.NetworkCapabilities.MessageKind;
import dev.passerelle.testnet.SentCall;
import dev.passerelle.testnet.TestNetwork;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GIFs (looping silent videos) and voice notes with their waveform, both ways through the real bridge; a GIF to a
 * network without GIFs goes as the video or image it is.
 */
class GifsAndVoiceNotesTest extends AliceEngineTest {

    private static final byte[] BYTES = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};
    private static final List<Integer> WAVEFORM = List.of(0, 512, 1024, 256);

    @Test
    void aGifAndAVoiceNoteFromTheNetworkLoopAndShowTheirWaveform() {
        alice.message("bob", "bob", List.of(MessagePart.only(media(MediaKind.ANIMATION, "dance.mp4", "video/mp4",
                List.of()))), Optional.empty());
        ObjectNode gif = bed.awaitMessage("bob", "dance.mp4");
        assertEquals("m.video", gif.path("content").path("msgtype").asText());
        JsonNode info = gif.path("content").path("info");
        for (String flag : List.of("fi.mau.gif", "fi.mau.loop", "fi.mau.autoplay", "fi.mau.no_audio")) {
            assertTrue(info.path(flag).asBoolean(), flag + " in " + info);
        }

        alice.message("bob", "bob", List.of(MessagePart.only(media(MediaKind.VOICE, "voice.ogg", "audio/ogg",
                WAVEFORM))), Optional.empty());
        ObjectNode voice = bed.awaitMessage("bob", "voice.ogg");
        assertEquals("m.audio", voice.path("content").path("msgtype").asText());
        assertTrue(voice.path("content").has("org.matrix.msc3245.voice"), voice.toString());
        List<Integer> waveform = new java.util.ArrayList<>();
        voice.path("content").path("org.matrix.msc1767.audio").path("waveform").forEach(v -> waveform.add(v.asInt()));
        assertEquals(WAVEFORM, waveform);
        assertEquals(3000, voice.path("content").path("org.matrix.msc1767.audio").path("duration").asLong());
    }

    @Test
    void aMatrixGifAndVoiceNoteReachTheNetworkAsSuch() throws Exception {
        String room = dmWithBob();
        String mxc = bed.upload(BYTES, "video/mp4");
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", gif("m.video", "dance.mp4", "video/mp4", mxc));
        assertEquals(MediaKind.ANIMATION, awaitMedia(1).kind());

        ObjectNode voice = JSON.createObjectNode().put("msgtype", "m.audio").put("body", "voice.ogg").put("url", mxc);
        voice.putObject("info").put("mimetype", "audio/ogg").put("size", BYTES.length).put("duration", 3000);
        voice.putObject("org.matrix.msc3245.voice");
        var waveform = voice.putObject("org.matrix.msc1767.audio").put("duration", 3000).putArray("waveform");
        List.of(0, 512, 1024, 4000).forEach(waveform::add); // 4000 is out of MSC3245's range: capped at 1024
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", voice);
        MessageContent.Media sent = awaitMedia(2);
        assertEquals(MediaKind.VOICE, sent.kind());
        assertEquals(List.of(0, 512, 1024, 1024), sent.waveform());
        assertEquals(Optional.of(3000L), sent.durationMs());
    }

    @Test
    void aGifToANetworkWithoutGifsGoesAsAVideoOrAnImage() throws Exception {
        String room = dmWithBob();
        TestNetwork.withoutMessageKinds(MessageKind.ANIMATION);
        String mp4 = bed.upload(BYTES, "video/mp4");
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", gif("m.video", "dance.mp4", "video/mp4", mp4));
        assertEquals(MediaKind.VIDEO, awaitMedia(1).kind());

        String gifFile = bed.upload(new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0}, "image/gif");
        ObjectNode realGif = JSON.createObjectNode().put("msgtype", "m.image").put("body", "cat.gif")
                .put("url", gifFile);
        realGif.putObject("info").put("mimetype", "image/gif").put("size", 10);
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", realGif);
        MessageContent.Media image = awaitMedia(2);
        assertEquals(MediaKind.IMAGE, image.kind());
        assertEquals("image/gif", image.mimeType());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private String dmWithBob() {
        alice.message("bob", "bob", "hi");
        bed.awaitMessage("bob", "hi");
        return bed.portalRoom("bob").orElseThrow();
    }

    private static MessageContent.Media media(MediaKind kind, String name, String mime, List<Integer> waveform) {
        return new MessageContent.Media(kind, () -> new ByteArrayInputStream(BYTES), name, mime, BYTES.length,
                Optional.empty(), Optional.of(3000L), FormattedText.plain(""), waveform);
    }

    /** A GIF as mautrix bridges and Beeper mark it. */
    private static ObjectNode gif(String msgtype, String name, String mime, String mxc) {
        ObjectNode content = JSON.createObjectNode().put("msgtype", msgtype).put("body", name).put("url", mxc);
        content.putObject("info").put("mimetype", mime).put("size", BYTES.length).put("fi.mau.gif", true)
                .put("fi.mau.loop", true);
        return content;
    }

    private MessageContent.Media awaitMedia(int nth) {
        until(nth + " files on the network", () -> sentMedia().size() >= nth, () -> alice.sent().toString());
        return sentMedia().get(nth - 1);
    }

    private List<MessageContent.Media> sentMedia() {
        return alice.sent().stream().filter(c -> c instanceof SentCall.SendMessage s
                        && s.message().content() instanceof MessageContent.Media)
                .map(c -> (MessageContent.Media) ((SentCall.SendMessage) c).message().content()).toList();
    }
}

package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.JSON;
import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.telegram.msgconv.Waveform;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Voice notes keep their waveform and duration, GIFs stay GIFs, both ways, through the real bridge. */
class TelegramVoiceAndGifTest extends AliceBridgeTest {

    private static final byte[] OGG = {'O', 'g', 'g', 'S', 0, 2};
    private static final byte[] MP4 = {0, 0, 0, 24, 'f', 't', 'y', 'p'};

    private String room;

    @BeforeEach
    void start() throws Exception {
        bed.telegram.write(BOB, ALICE, "hi");
        room = bed.awaitMessage("1002", "hi").path("room_id").asText();
    }

    @Test
    void aTelegramVoiceNoteIsAMatrixVoiceMessageWithItsWaveform() {
        byte[] packed = Waveform.toTelegram(List.of(0, 1024, 512, 256, 768));
        ObjectNode voice = JSON.createObjectNode().put("@type", "voiceNote").put("duration", 3)
                .put("waveform", Base64.getEncoder().encodeToString(packed)).put("mime_type", "audio/ogg");
        voice.set("voice", bed.telegram.file(OGG));
        ObjectNode content = JSON.createObjectNode().put("@type", "messageVoiceNote").put("is_listened", false);
        content.set("voice_note", voice);
        content.set("caption", caption(""));
        bed.telegram.post(BOB, ALICE, content, 0);

        JsonNode event = bed.awaitMessage("1002", "voice.ogg").path("content");
        assertEquals("m.audio", event.path("msgtype").asText());
        assertTrue(event.has("org.matrix.msc3245.voice"), event.toString());
        assertEquals(3000, event.path("info").path("duration").asInt());
        List<Integer> waveform = new ArrayList<>();
        event.path("org.matrix.msc1767.audio").path("waveform").forEach(v -> waveform.add(v.asInt()));
        assertEquals(List.of(0, 1024, 529, 264, 760), waveform.subList(0, 5), "5-bit steps of the values sent");
    }

    @Test
    void aMatrixVoiceMessageIsATelegramVoiceNoteWithItsWaveform() throws Exception {
        ObjectNode content = JSON.createObjectNode().put("msgtype", "m.audio").put("body", "Voice message")
                .put("url", bed.upload(OGG, "audio/ogg"));
        content.putObject("info").put("mimetype", "audio/ogg").put("duration", 4200).put("size", OGG.length);
        content.putObject("org.matrix.msc3245.voice");
        var waveform = content.putObject("org.matrix.msc1767.audio").put("duration", 4200).putArray("waveform");
        List.of(1024, 0, 512, 1024).forEach(waveform::add);
        bed.sendAs(TelegramBridgeBed.ALICE, room, "m.room.message", content);

        ObjectNode sent = awaitSent("messageVoiceNote");
        assertEquals(4, sent.path("voice_note").path("duration").asInt());
        byte[] packed = Base64.getDecoder().decode(sent.path("voice_note").path("waveform").asText());
        assertEquals(List.of(1024, 0, 529, 1024), Waveform.toMatrix(packed).subList(0, 4));
    }

    @Test
    void gifsStayGifsBothWays() throws Exception {
        ObjectNode animation = JSON.createObjectNode().put("@type", "animation").put("duration", 2).put("width", 320)
                .put("height", 240).put("file_name", "dance.mp4").put("mime_type", "video/mp4")
                .put("has_stickers", false);
        animation.set("animation", bed.telegram.file(MP4));
        ObjectNode content = JSON.createObjectNode().put("@type", "messageAnimation");
        content.set("animation", animation);
        content.set("caption", caption("dance!"));
        bed.telegram.post(BOB, ALICE, content, 0);
        JsonNode event = bed.awaitMessage("1002", "dance!").path("content");
        assertEquals("m.video", event.path("msgtype").asText());
        assertTrue(event.path("info").path("fi.mau.gif").asBoolean(), event.toString());

        ObjectNode gif = JSON.createObjectNode().put("msgtype", "m.image").put("body", "party.gif")
                .put("url", bed.upload(MP4, "image/gif"));
        gif.putObject("info").put("mimetype", "image/gif").put("w", 100).put("h", 80).put("size", MP4.length);
        bed.sendAs(TelegramBridgeBed.ALICE, room, "m.room.message", gif);
        ObjectNode sent = awaitSent("messageAnimation");
        assertEquals(100, sent.path("animation").path("width").asInt());
        assertEquals("party.gif", sent.path("animation").path("file_name").asText());
    }

    /** The content of the last message Bob's chat with Alice has, once it is one Alice sent of {@code type}. */
    private ObjectNode awaitSent(String type) {
        until("a " + type + " from Alice", () -> lastFromAlice(type), () -> "chat: " + bed.telegram.texts(BOB, ALICE));
        List<Long> ids = bed.telegram.messageIds(BOB, ALICE);
        return bed.telegram.contentOf(BOB, ALICE, ids.getLast());
    }

    private boolean lastFromAlice(String type) {
        List<Long> ids = bed.telegram.messageIds(ALICE, BOB);
        return bed.telegram.senderOf(ALICE, BOB, ids.getLast()) == ALICE
                && bed.telegram.contentOf(ALICE, BOB, ids.getLast()).path("@type").asText().equals(type);
    }

    private static ObjectNode caption(String text) {
        ObjectNode caption = JSON.createObjectNode().put("@type", "formattedText").put("text", text);
        caption.putArray("entities");
        return caption;
    }
}

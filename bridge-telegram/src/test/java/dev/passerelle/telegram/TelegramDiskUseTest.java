package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the bridge downloads from Telegram to put on Matrix does not stay on the bridge's disk. */
class TelegramDiskUseTest extends AliceBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPhotoOnMatrixLeavesNoCopyInTdlibsFiles() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 7, 7, 7};
        bed.telegram.post(BOB, ALICE, photo(bed.telegram.file(png), "holiday"), 0);

        JsonNode event = bed.awaitMessage("1002", "holiday").path("content");
        assertEquals("m.image", event.path("msgtype").asText());
        assertArrayEquals(png, bed.homeserver.media(event.path("url").asText()).orElseThrow().bytes());
        until("TDLib's copy of the photo to be deleted", () -> downloaded().isEmpty(), () -> "files: " + downloaded());
    }

    /** The files TDLib downloaded, in every login's {@code files} directory. */
    private List<Path> downloaded() {
        try (Stream<Path> all = Files.walk(bed.directory())) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().equals("files")).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(bed.directory()); // a file vanished while listed: not settled, look again
        }
    }

    private static ObjectNode photo(ObjectNode file, String caption) {
        ObjectNode size = JSON.createObjectNode().put("@type", "photoSize").put("type", "x").put("width", 40)
                .put("height", 30);
        size.set("photo", file);
        ObjectNode photo = JSON.createObjectNode().put("@type", "photo").put("has_stickers", false);
        photo.putArray("sizes").add(size);
        ObjectNode content = JSON.createObjectNode().put("@type", "messagePhoto");
        content.set("photo", photo);
        ObjectNode text = content.putObject("caption").put("@type", "formattedText").put("text", caption);
        text.putArray("entities");
        return content;
    }
}

package dev.passerelle.telegram;

import static dev.passerelle.testbed.BridgeBed.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the bridge downloads from Telegram to put on Matrix does not stay on the bridge's disk. */
class TelegramDiskUseTest extends AliceBridgeTest {

    @Test
    void aPhotoOnMatrixLeavesNoCopyInTdlibsFiles() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 7, 7, 7};
        bed.telegram.post(BOB, ALICE, TdContents.photo(bed.telegram.file(png), "holiday"), 0);

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
}

package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.JSON;
import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.testnet.SentCall;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Large files both ways through the real bridge: streamed through a temporary file in the bridge's data directory
 * (deleted afterwards), arriving byte for byte, their type detected; files above the homeserver's upload limit
 * refused with a notice that says the limit.
 */
class MediaTest extends AliceEngineTest {

    private static final int LARGE = 40 * 1024 * 1024 + 123;
    private static final long HOMESERVER_LIMIT = 10L * 1024 * 1024;
    private static final String BOB_GHOST = "@testnet_bob:example.org";
    private static final String NETWORK_BOT = "@testnetbot:example.org";

    @Test
    void aLargeFileFromTheNetworkArrivesIdenticalStreamedThroughDisk() throws Exception {
        byte[] video = random(LARGE);
        AtomicLong spooledWhileReading = new AtomicLong(-1);
        // The network's stream notes, halfway through, how much the bridge has already written to disk.
        InputStream watched = new FilterInputStream(new ByteArrayInputStream(video)) {
            long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                if (read > LARGE / 2 && spooledWhileReading.get() < 0) {
                    spooledWhileReading.set(spooledBytes());
                }
                return n;
            }
        };
        alice.message("bob", "bob", List.of(MessagePart.only(new MessageContent.Media(MessageContent.MediaKind.VIDEO,
                () -> watched, "holiday.mp4", "", -1, Optional.empty(), Optional.empty(),
                FormattedText.plain("")))), Optional.empty());

        ObjectNode event = bed.awaitMessage("bob", "holiday.mp4");
        assertEquals(BOB_GHOST, event.path("sender").asText());
        ObjectNode content = (ObjectNode) event.path("content");
        assertEquals("m.video", content.path("msgtype").asText());
        assertEquals("video/mp4", content.path("info").path("mimetype").asText(), "detected from the name");
        assertEquals(LARGE, content.path("info").path("size").asLong());
        assertArrayEquals(video, bed.homeserver.media(content.path("url").asText()).orElseThrow().bytes(),
                "the homeserver has the file byte for byte");
        assertTrue(spooledWhileReading.get() > 8L * 1024 * 1024, "halfway through reading, the bridge had "
                + spooledWhileReading.get() + " bytes on disk: the file went through a temporary file");
        assertEquals(List.of(), tempFiles(), "the temporary file is deleted once uploaded");
    }

    @Test
    void aLargeFileFromMatrixReachesTheNetworkIdentical() throws Exception {
        String room = dmWithBob();
        byte[] archive = random(LARGE);
        String mxc = bed.upload(archive, "application/octet-stream");
        // A client that states no type and no size.
        ObjectNode file = JSON.createObjectNode().put("msgtype", "m.file").put("body", "photos.zip").put("url", mxc);
        bed.sendAs(EngineBed.ALICE, room, "m.room.message", file);

        until("the file on the network", () -> !sentMessages().isEmpty(), () -> alice.sent().toString());
        MessageContent.Media media = assertInstanceOf(MessageContent.Media.class,
                sentMessages().getFirst().content());
        assertEquals("photos.zip", media.fileName());
        assertEquals("application/zip", media.mimeType(), "detected from the name");
        assertEquals(LARGE, media.size());
        try (InputStream in = media.media().open()) {
            assertArrayEquals(archive, in.readAllBytes(), "the network got the file byte for byte");
        }
        until("the temporary file to be deleted", () -> tempFiles().isEmpty(), () -> tempFiles().toString());
    }

    @Test
    void aFileFromTheNetworkAboveTheHomeserversLimitBecomesANoticeSayingTheLimit() throws Exception {
        bed.homeserver.limitUploads(Optional.of(HOMESERVER_LIMIT));
        alice.message("bob", "bob", List.of(MessagePart.only(new MessageContent.Media(MessageContent.MediaKind.FILE,
                () -> new ByteArrayInputStream(random(12 * 1024 * 1024)), "scan.pdf", "application/pdf", -1,
                Optional.empty(), Optional.empty(), FormattedText.plain("")))), Optional.empty());

        String expected = "A file was not bridged: scan.pdf is too large; this homeserver accepts files up to 10.0 MB.";
        ObjectNode notice = bed.awaitMessage("bob", expected);
        assertEquals("m.notice", notice.path("content").path("msgtype").asText());
        assertEquals(BOB_GHOST, notice.path("sender").asText(), "in the sender's place in the conversation");
        assertEquals(List.of(), bed.homeserver.callsTo("POST", "/_matrix/media/v3/upload").stream()
                .filter(c -> c.queryParam("filename").equals(Optional.of("scan.pdf"))).toList(), "nothing uploaded");
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void aFileFromMatrixAboveTheHomeserversLimitIsRefusedWithANotice() throws Exception {
        String room = dmWithBob();
        String mxc = bed.upload(random(12 * 1024 * 1024), "application/pdf");
        bed.homeserver.limitUploads(Optional.of(HOMESERVER_LIMIT)); // lowered since, or a federated file
        ObjectNode file = JSON.createObjectNode().put("msgtype", "m.file").put("body", "scan.pdf").put("url", mxc);
        ObjectNode event = bed.sendAs(EngineBed.ALICE, room, "m.room.message", file);

        String expected = "The file is 12.0 MB but this homeserver accepts files up to 10.0 MB; it was not sent.";
        until("the notice", () -> !bed.messages(room, expected).isEmpty(), () -> bed.homeserver.timeline(room)
                .toString());
        ObjectNode notice = bed.messages(room, expected).getFirst();
        assertEquals(NETWORK_BOT, notice.path("sender").asText());
        assertEquals("m.notice", notice.path("content").path("msgtype").asText());
        assertEquals(event.path("event_id").asText(), notice.path("content").path("m.relates_to")
                .path("m.in_reply_to").path("event_id").asText());
        assertEquals(List.of(), sentMessages(), "nothing reached the network");
        assertEquals(List.of(), tempFiles());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private String dmWithBob() {
        alice.message("bob", "bob", "hi");
        bed.awaitMessage("bob", "hi");
        return bed.portalRoom("bob").orElseThrow();
    }

    private Path tempDir() {
        return dir.resolve("data").resolve("media-tmp");
    }

    private List<Path> tempFiles() {
        try (Stream<Path> files = Files.list(tempDir())) {
            return files.toList();
        } catch (IOException e) {
            throw new AssertionError("the bridge's temporary media directory " + tempDir() + " is missing", e);
        }
    }

    private long spooledBytes() {
        return tempFiles().stream().mapToLong(p -> {
            try {
                return Files.size(p);
            } catch (IOException e) {
                return 0; // deleted meanwhile
            }
        }).sum();
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }
}

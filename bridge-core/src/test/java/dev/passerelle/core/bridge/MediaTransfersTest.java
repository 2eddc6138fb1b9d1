package dev.passerelle.core.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.passerelle.core.matrix.MediaBody;
import dev.passerelle.core.matrix.MediaTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files from the network: memory below the threshold, a temporary file above, nothing left behind. */
class MediaTransfersTest {

    private static final long THRESHOLD = 1000;

    @TempDir
    Path dir;

    private MediaTransfers transfers() {
        return new MediaTransfers(null, dir, Map.of(), THRESHOLD);
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void aSmallFileStaysInMemory() throws Exception {
        byte[] bytes = random(1000);
        MediaBody body = transfers().readFromNetwork(() -> new ByteArrayInputStream(bytes), 5000);
        assertArrayEquals(bytes, assertInstanceOf(MediaBody.InMemory.class, body).bytes());
        assertEquals(List.of(), files());
    }

    @Test
    void aLargerFileGoesToATemporaryFileDeletedOnClose() throws Exception {
        byte[] bytes = random(100_000);
        try (MediaBody body = transfers().readFromNetwork(() -> new ByteArrayInputStream(bytes), 100_000)) {
            assertInstanceOf(MediaBody.OnDisk.class, body);
            assertEquals(100_000, body.size());
            try (InputStream in = body.open()) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
            assertEquals(1, files().size());
        }
        assertEquals(List.of(), files(), "closing deletes the temporary file");
    }

    @Test
    void aFileAboveTheLimitStopsTheReadAndLeavesNothing() throws Exception {
        byte[] bytes = random(50_000);
        MediaTooLargeException e = assertThrows(MediaTooLargeException.class,
                () -> transfers().readFromNetwork(() -> new ByteArrayInputStream(bytes), 20_000));
        assertEquals(20_000, e.limit());
        assertEquals(List.of(), files());
        // Below the memory threshold too.
        assertThrows(MediaTooLargeException.class,
                () -> transfers().readFromNetwork(() -> new ByteArrayInputStream(bytes), 500));
    }

    @Test
    void aNetworkFailureMidwayLeavesNoFile() throws Exception {
        byte[] bytes = random(10_000);
        InputStream failing = new InputStream() {
            int read;

            @Override
            public int read() throws IOException {
                if (read++ > 5000) {
                    throw new IOException("connection reset by the network");
                }
                return bytes[read] & 0xff;
            }
        };
        assertThrows(IOException.class, () -> transfers().readFromNetwork(() -> failing, 100_000));
        assertEquals(List.of(), files());
    }

    @Test
    void leftoversOfAPreviousRunAreDeletedAtStart() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("media-tmp"));
        Files.write(tmp.resolve("media-123.part"), random(10));
        MediaTransfers.inDataDirectory(null, dir, Map.of());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList());
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}

package dev.passerelle.core.matrix;

import static dev.passerelle.core.matrix.MatrixClientFixture.GHOST;
import static dev.passerelle.core.matrix.MatrixClientFixture.vt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streamed uploads and downloads, the homeserver's upload limit, in current and old homeserver mode. */
class MediaStreamingTest {
    private static final long THRESHOLD = 64 * 1024;
    private static Vertx vertx;

    @TempDir
    Path temp;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    private static MatrixClientFixture fixture(boolean oldMode) {
        return new MatrixClientFixture(vertx, FakeHomeserverOptions.defaults().withOldHomeserverMode(oldMode));
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @ParameterizedTest(name = "old homeserver: {0}")
    @ValueSource(booleans = {false, true})
    void aLargeFileGoesUpFromDiskAndComesBackIntoAFileIdentical(boolean oldMode) throws Exception {
        byte[] bytes = random(3 * 1024 * 1024 + 17);
        Path source = Files.write(temp.resolve("source.bin"), bytes);
        Path spool = temp.resolve("spool");
        try (var f = fixture(oldMode)) {
            String mxc = vt(() -> f.client.intent(GHOST).uploadMedia(new MediaBody.OnDisk(source, bytes.length),
                    "video/mp4", Optional.of("clip.mp4")));
            assertArrayEquals(bytes, f.hs.media(mxc).orElseThrow().bytes(), "the homeserver got every byte");
            assertEquals("video/mp4", f.hs.media(mxc).orElseThrow().contentType());
            try (DownloadedMedia back = vt(() -> f.client.bot().downloadMedia(mxc, 10L * 1024 * 1024, THRESHOLD,
                    spool))) {
                MediaBody.OnDisk onDisk = assertInstanceOf(MediaBody.OnDisk.class, back.body(),
                        "above the threshold the download is streamed to a file");
                assertEquals(bytes.length, onDisk.size());
                assertTrue(onDisk.file().startsWith(spool), onDisk.file().toString());
                try (InputStream in = back.body().open()) {
                    assertArrayEquals(bytes, in.readAllBytes());
                }
                assertEquals("video/mp4", back.contentType());
            }
            assertEquals(List.of(), files(spool), "closing the download deletes its file");
        }
    }

    @Test
    void aSmallFileIsDownloadedIntoMemory() throws Exception {
        byte[] bytes = random(1000);
        Path spool = temp.resolve("spool");
        try (var f = fixture(false)) {
            String mxc = vt(() -> f.client.intent(GHOST).uploadMedia(bytes, "image/png", Optional.empty()));
            try (DownloadedMedia back = vt(() -> f.client.bot().downloadMedia(mxc, 1 << 20, THRESHOLD, spool))) {
                MediaBody.InMemory inMemory = assertInstanceOf(MediaBody.InMemory.class, back.body());
                assertArrayEquals(bytes, inMemory.bytes());
            }
            assertEquals(List.of(), files(spool));
        }
    }

    @Test
    void aDownloadAboveTheLimitIsRefusedAndLeavesNothing() throws Exception {
        byte[] bytes = random(300 * 1024);
        Path spool = temp.resolve("spool");
        try (var f = fixture(false)) {
            String mxc = vt(() -> f.client.intent(GHOST).uploadMedia(bytes, "application/zip", Optional.empty()));
            MediaTooLargeException e = assertThrows(MediaTooLargeException.class,
                    () -> vt(() -> f.client.bot().downloadMedia(mxc, 200 * 1024, THRESHOLD, spool)));
            assertEquals(200 * 1024, e.limit());
            assertEquals(bytes.length, e.size().orElseThrow(), "the announced size is reported");
            assertEquals(List.of(), files(spool));
        }
    }

    @ParameterizedTest(name = "old homeserver: {0}")
    @ValueSource(booleans = {false, true})
    void theUploadLimitComesFromTheMediaConfig(boolean oldMode) {
        try (var f = fixture(oldMode)) {
            f.hs.limitUploads(Optional.of(5_000_000L));
            assertEquals(Optional.of(5_000_000L), vt(() -> f.client.uploadLimit()));
            String expected = oldMode ? "/_matrix/media/v3/config" : "/_matrix/client/v1/media/config";
            assertEquals(1, f.hs.callsTo("GET", expected).size(), f.hs.calls().all().toString());
            vt(() -> f.client.uploadLimit());
            assertEquals(1, f.hs.calls().matching(c -> c.decodedPath().endsWith("/config")).size(),
                    "the limit is remembered");
        }
    }

    @Test
    void noLimitWhenTheHomeserverStatesNone() {
        try (var f = fixture(false)) {
            assertEquals(Optional.empty(), vt(() -> f.client.uploadLimit()));
        }
    }

    @Test
    void anUploadTheHomeserverRefusesAsTooLargeSaysItsLimit() throws Exception {
        byte[] bytes = random(2 * 1024 * 1024);
        Path source = Files.write(temp.resolve("big.bin"), bytes);
        try (var f = fixture(false)) {
            f.hs.limitUploads(Optional.of(1024L * 1024));
            MediaTooLargeException e = assertThrows(MediaTooLargeException.class, () -> vt(() ->
                    f.client.intent(GHOST).uploadMedia(new MediaBody.OnDisk(source, bytes.length),
                            "application/octet-stream", Optional.empty())));
            assertEquals(1024L * 1024, e.limit());
            assertEquals("the file (2.0 MB) is larger than the limit of 1.0 MB", e.getMessage());
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}

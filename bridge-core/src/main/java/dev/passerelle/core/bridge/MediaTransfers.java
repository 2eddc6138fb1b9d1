package dev.passerelle.core.bridge;

import dev.passerelle.core.matrix.DownloadedMedia;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MediaBody;
import dev.passerelle.core.matrix.MediaTooLargeException;
import dev.passerelle.core.spi.MediaSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where files pass between networks and the homeserver: files up to {@link #MEMORY_THRESHOLD} are held in memory,
 * larger ones go through a temporary file in the bridge's data directory ({@code data/media-tmp}), deleted when the
 * transfer is done (or failed; leftovers of a crash are deleted at the next start). A file is allowed up to the
 * smaller of the network's {@code maxFileBytes} and the homeserver's {@code m.upload.size}. Blocks; call from a
 * virtual thread.
 */
final class MediaTransfers {

    private static final Logger LOG = LoggerFactory.getLogger(MediaTransfers.class);
    /** Larger files are spooled to disk. */
    static final long MEMORY_THRESHOLD = 1024 * 1024;

    private final MatrixClient matrix;
    private final Path tempDir;
    private final Map<String, Network> networks;
    private final long memoryThreshold;

    /** @param networks the enabled networks by id, for their {@code maxFileBytes} */
    MediaTransfers(MatrixClient matrix, Path tempDir, Map<String, Network> networks, long memoryThreshold) {
        this.matrix = matrix;
        this.tempDir = tempDir;
        this.networks = Map.copyOf(networks);
        this.memoryThreshold = memoryThreshold;
    }

    /** The transfers of the running bridge, in {@code <dataDir>/media-tmp}, emptied now of a previous run's files. */
    static MediaTransfers inDataDirectory(MatrixClient matrix, Path dataDir, Map<String, Network> networks) {
        Path dir = dataDir.resolve("media-tmp").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            try (Stream<Path> left = Files.list(dir)) {
                left.forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        LOG.warn("Could not delete the leftover temporary file {}: {}", p, e.toString());
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dir + " for files in transit; check that the "
                    + "config directory is writable", e);
        }
        return new MediaTransfers(matrix, dir, networks, MEMORY_THRESHOLD);
    }

    /** The largest file that may pass between {@code networkId} and the homeserver, either way. */
    MediaLimit limit(String networkId) {
        Network network = networks.get(networkId);
        long networkMax = network == null ? Long.MAX_VALUE : network.capabilities().maxFileBytes();
        String name = network == null ? networkId : network.description().displayName();
        java.util.Optional<Long> homeserver = matrix.uploadLimit();
        return homeserver.isPresent() && homeserver.get() < networkMax
                ? new MediaLimit(homeserver.get(), "this homeserver") : new MediaLimit(networkMax, name);
    }

    /**
     * Reads a file from the network: into memory while it is small, into a temporary file once it passes the
     * threshold. Stops (and deletes what it read) as soon as it passes {@code maxBytes}.
     *
     * @throws MediaTooLargeException when the file is larger than {@code maxBytes}
     * @throws IOException            when the network's stream fails
     */
    MediaBody readFromNetwork(MediaSource source, long maxBytes) throws IOException {
        try (InputStream in = source.open()) {
            int firstChunk = (int) Math.min(memoryThreshold, maxBytes) + 1;
            byte[] head = in.readNBytes(firstChunk);
            if (head.length < firstChunk) {
                return new MediaBody.InMemory(head);
            }
            if (head.length > maxBytes) {
                throw new MediaTooLargeException(maxBytes, OptionalLong.empty());
            }
            Path file = Files.createTempFile(Files.createDirectories(tempDir), "media-", ".part");
            try {
                long size = head.length;
                try (OutputStream out = Files.newOutputStream(file)) {
                    out.write(head);
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        size += n;
                        if (size > maxBytes) {
                            throw new MediaTooLargeException(maxBytes, OptionalLong.empty());
                        }
                        out.write(buffer, 0, n);
                    }
                }
                return new MediaBody.OnDisk(file, size);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }
    }

    /**
     * Downloads a file from the homeserver (as the bot), streamed to a temporary file unless small.
     *
     * @throws MediaTooLargeException when the file is larger than {@code maxBytes}
     * @throws dev.passerelle.core.matrix.MatrixException when the homeserver refuses or cannot be reached
     */
    DownloadedMedia downloadFromMatrix(String mxc, long maxBytes) {
        return matrix.bot().downloadMedia(mxc, maxBytes, memoryThreshold, tempDir);
    }

    /** Uploads as {@code uploader}; a file on disk is streamed. Returns the {@code mxc://} URI. */
    static String upload(Intent uploader, MediaBody body, String mimeType, String fileName) {
        return uploader.uploadMedia(body, mimeType, java.util.Optional.of(fileName));
    }
}

package dev.passerelle.core.matrix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bytes of one file on their way between a network and the homeserver: small files in memory, larger ones in a
 * temporary file. Closing it deletes the temporary file; it may be opened any number of times before that (a send
 * the network refused for a passing reason is retried).
 */
public sealed interface MediaBody extends AutoCloseable {

    /** Its length in bytes. */
    long size();

    /** Opens the bytes from the start; the caller closes the stream. */
    InputStream open() throws IOException;

    /** Up to the first {@code n} bytes, to recognise the file's type. */
    byte[] head(int n) throws IOException;

    /** Deletes the temporary file, if any; never throws. */
    @Override
    void close();

    /** A file held in memory. */
    record InMemory(byte[] bytes) implements MediaBody {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public byte[] head(int n) {
            return Arrays.copyOf(bytes, Math.min(n, bytes.length));
        }

        @Override
        public void close() {
        }
    }

    /** A file spooled to disk; {@link #close()} deletes it. */
    record OnDisk(Path file, long size) implements MediaBody {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public byte[] head(int n) throws IOException {
            try (InputStream in = open()) {
                return in.readNBytes(n);
            }
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Left for the next start, which empties the temporary directory.
            }
        }
    }
}

package dev.passerelle.core.matrix;

/**
 * A file downloaded from the homeserver's media repository.
 *
 * @param body        its bytes, in memory or in a temporary file (close it when done)
 * @param contentType the Content-Type the homeserver answered with ({@code application/octet-stream} when none)
 */
public record DownloadedMedia(MediaBody body, String contentType) implements AutoCloseable {

    @Override
    public void close() {
        body.close();
    }
}

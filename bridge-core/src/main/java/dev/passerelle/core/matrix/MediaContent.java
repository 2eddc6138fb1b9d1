package dev.passerelle.core.matrix;

/**
 * A downloaded file.
 *
 * @param bytes       the content
 * @param contentType the Content-Type the homeserver answered with ({@code application/octet-stream} when none)
 */
public record MediaContent(byte[] bytes, String contentType) {
}

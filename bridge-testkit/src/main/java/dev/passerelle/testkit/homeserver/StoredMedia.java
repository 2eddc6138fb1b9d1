package dev.passerelle.testkit.homeserver;

import java.util.Optional;

/**
 * A file uploaded to the fake's media repository.
 *
 * @param bytes       the content as uploaded
 * @param contentType the Content-Type given at upload
 * @param filename    the {@code filename} query parameter given at upload; empty when none
 * @param uploader    the user the upload acted as
 */
public record StoredMedia(byte[] bytes, String contentType, Optional<String> filename, String uploader) {
}

package dev.passerelle.core.bridge;

import dev.passerelle.core.matrix.MediaBody;

/** Puts a file in the homeserver's media repository; blocks. The engine uploads as the sending ghost. */
@FunctionalInterface
public interface MediaUploader {

    /**
     * @param body the file's bytes, in memory or in a temporary file (streamed; the caller deletes it)
     * @return the {@code mxc://} URI of the uploaded file
     * @throws dev.passerelle.core.matrix.MediaTooLargeException when the homeserver refuses it as too large
     */
    String upload(MediaBody body, String mimeType, String fileName);
}

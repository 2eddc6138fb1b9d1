package dev.passerelle.core.bridge;

/** Puts a file in the homeserver's media repository; blocks. The engine uploads as the sending ghost. */
@FunctionalInterface
public interface MediaUploader {

    /** @return the {@code mxc://} URI of the uploaded file */
    String upload(byte[] bytes, String mimeType, String fileName);
}

package dev.passerelle.core.bridge;

import dev.passerelle.core.matrix.MediaTooLargeException;

/**
 * The largest file that may pass, and whose limit it is.
 *
 * @param bytes the limit in bytes
 * @param owner who sets it, as a person reads it: {@code this homeserver} or the network's name
 */
record MediaLimit(long bytes, String owner) {

    /** No limit (tests, and conversions that carry no file). */
    static final MediaLimit NONE = new MediaLimit(Long.MAX_VALUE, "the bridge");

    /** The limit in words, e.g. {@code this homeserver accepts files up to 10.0 MB}. */
    String describe() {
        return owner + " accepts files up to " + MediaTooLargeException.megabytes(bytes);
    }
}

package dev.passerelle.core.matrix;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * A file is larger than what may be carried: the homeserver's upload limit, the network's, or both (the smaller).
 * Nothing of it is kept.
 */
public final class MediaTooLargeException extends RuntimeException {

    private final long limit;
    private final OptionalLong size;

    /**
     * @param limit the largest size allowed, in bytes; negative when the homeserver refused without saying its limit
     * @param size  the file's size when known (a stream is stopped as soon as it passes the limit)
     */
    public MediaTooLargeException(long limit, OptionalLong size) {
        super("the file" + (size.isPresent() ? " (" + megabytes(size.getAsLong()) + ")" : "")
                + (limit >= 0 ? " is larger than the limit of " + megabytes(limit)
                : " is larger than the homeserver accepts"));
        this.limit = limit;
        this.size = size;
    }

    /** The limit in bytes; negative when it is not known (the homeserver refused without stating one). */
    public long limit() {
        return limit;
    }

    public OptionalLong size() {
        return size;
    }

    /** A size as people read it: {@code 12.5 MB}, {@code 300 KB}, {@code 12 bytes} (binary units, as clients). */
    public static String megabytes(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
        }
        return bytes >= 1024 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}

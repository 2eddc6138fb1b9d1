package dev.passerelle.core.spi;

import dev.passerelle.core.format.FormattedText;
import java.util.Optional;

/** What one part of a message carries, in either direction. */
public sealed interface MessageContent {

    /** Text; {@code notice} for automated messages, {@code emote} for /me. */
    record Text(FormattedText text, TextKind kind) implements MessageContent {
    }

    /**
     * A file of some kind.
     *
     * @param media    where to get the bytes
     * @param caption  text sent with it (empty text when none)
     */
    record Media(MediaKind kind, MediaSource media, String fileName, String mimeType, long size,
                 Optional<Dimensions> dimensions, Optional<Long> durationMs, FormattedText caption)
            implements MessageContent {
    }

    /** A point on the map. */
    record Location(double latitude, double longitude, Optional<String> name) implements MessageContent {
    }

    enum TextKind { NORMAL, NOTICE, EMOTE }

    enum MediaKind { IMAGE, VIDEO, AUDIO, VOICE, FILE, STICKER }

    /** Width and height in pixels. */
    record Dimensions(int width, int height) {
    }
}

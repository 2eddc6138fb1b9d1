package dev.passerelle.core.spi;

import dev.passerelle.core.format.FormattedText;
import java.util.List;
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
     * @param waveform for {@link MediaKind#VOICE}: the loudness over time, each value 0–1024 as in MSC3245 (connectors
     *                 scale their network's range to it); empty when unknown or not a voice note
     */
    record Media(MediaKind kind, MediaSource media, String fileName, String mimeType, long size,
                 Optional<Dimensions> dimensions, Optional<Long> durationMs, FormattedText caption,
                 List<Integer> waveform)
            implements MessageContent {

        public Media {
            waveform = List.copyOf(waveform);
        }

        /** A file without a waveform. */
        public Media(MediaKind kind, MediaSource media, String fileName, String mimeType, long size,
                     Optional<Dimensions> dimensions, Optional<Long> durationMs, FormattedText caption) {
            this(kind, media, fileName, mimeType, size, dimensions, durationMs, caption, List.of());
        }

        /** The same file with another caption. */
        public Media withCaption(FormattedText newCaption) {
            return new Media(kind, media, fileName, mimeType, size, dimensions, durationMs, newCaption, waveform);
        }
    }

    /**
     * A poll (MSC3381 in Matrix).
     *
     * @param question      what is asked
     * @param options       the answers, in order; their ids are what votes name
     * @param maxSelections how many answers one person may choose (1 for a single-choice poll)
     */
    record Poll(FormattedText question, List<PollOption> options, int maxSelections) implements MessageContent {

        public Poll {
            options = List.copyOf(options);
        }
    }

    /** One answer of a {@link Poll}: {@code id} is stable (the network's option id or its index as text). */
    record PollOption(String id, String text) {
    }

    /** A point on the map. */
    record Location(double latitude, double longitude, Optional<String> name) implements MessageContent {
    }

    enum TextKind { NORMAL, NOTICE, EMOTE }

    /**
     * What a file is. {@code ANIMATION} is a short looping video without sound (a "GIF" on every network; in Matrix
     * an {@code m.video} marked {@code fi.mau.gif}, or an {@code m.image} when it is a real GIF file).
     */
    enum MediaKind { IMAGE, VIDEO, ANIMATION, AUDIO, VOICE, FILE, STICKER }

    /** Width and height in pixels. */
    record Dimensions(int width, int height) {
    }
}

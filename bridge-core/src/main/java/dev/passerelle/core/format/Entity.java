package dev.passerelle.core.format;

import java.util.Objects;

/**
 * A typed range of a {@link FormattedText}: {@code length} UTF-16 code units starting at {@code offset}
 * (Java {@code String} indices, the way Telegram counts; an emoji outside the BMP counts 2).
 */
public record Entity(int offset, int length, EntityType type) {

    public Entity {
        Objects.requireNonNull(type, "type");
        if (offset < 0) {
            throw new IllegalArgumentException("Entity " + type + " starts at offset " + offset
                    + "; offsets count UTF-16 code units from 0");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("Entity " + type + " at offset " + offset + " has length " + length
                    + "; an entity must cover at least one UTF-16 code unit (drop empty ones)");
        }
    }

    /** The offset just past the range. */
    public int end() {
        return offset + length;
    }

    /** This entity moved by {@code delta} code units (for concatenating texts). */
    public Entity shift(int delta) {
        return new Entity(offset + delta, length, type);
    }
}

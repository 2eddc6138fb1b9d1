package dev.passerelle.core.format;

import java.util.List;
import java.util.Objects;

/**
 * Plain text plus typed ranges: the neutral message format between networks and Matrix. Offsets are UTF-16
 * code units (Java {@code String} indices), the way Telegram counts them. Entities may nest and may overlap
 * partially. They are kept in a canonical order, and touching or overlapping entities of the same style are
 * merged (two adjacent bold ranges are one bold range), so equal-looking texts are {@code equals}.
 *
 * <p>Build one with {@link #plain(String)} or {@link #builder()}; convert to Matrix with
 * {@link MatrixHtmlRenderer}, from Matrix with {@link MatrixHtmlParser}.
 */
public record FormattedText(String text, List<Entity> entities) {

    public FormattedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(entities, "entities (use List.of() for none)");
        for (Entity e : entities) {
            Objects.requireNonNull(e, "entities must not contain null");
            check(text, e);
        }
        entities = EntityOrder.canonical(entities);
    }

    /** Text without any formatting. */
    public static FormattedText plain(String text) {
        return new FormattedText(text, List.of());
    }

    /** Text with the given entities, for short literals in connectors and tests. */
    public static FormattedText of(String text, Entity... entities) {
        return new FormattedText(text, List.of(entities));
    }

    /** A builder that appends runs of text and tracks their offsets. */
    public static FormattedTextBuilder builder() {
        return new FormattedTextBuilder();
    }

    /** True when there is no formatting at all (Matrix then gets only a {@code body}). */
    public boolean isPlain() {
        return entities.isEmpty();
    }

    /** This text followed by {@code other}, whose entities are moved past this text. */
    public FormattedText concat(FormattedText other) {
        return builder().append(this).append(other).build();
    }

    /** The text one entity covers. */
    public String textOf(Entity entity) {
        return text.substring(entity.offset(), entity.end());
    }

    private static void check(String text, Entity e) {
        if (e.end() > text.length()) {
            throw new IllegalArgumentException("Entity " + e.type() + " at offset " + e.offset() + " with length "
                    + e.length() + " ends at " + e.end() + ", past the end of the text (length " + text.length()
                    + "). Offsets and lengths count UTF-16 code units (Java String indices; an emoji such as 😀"
                    + " counts 2), not code points or bytes.");
        }
        if (splitsSurrogatePair(text, e.offset()) || splitsSurrogatePair(text, e.end())) {
            throw new IllegalArgumentException("Entity " + e.type() + " at offset " + e.offset() + " with length "
                    + e.length() + " cuts a character outside the BMP (such as an emoji) in half. Offsets count"
                    + " UTF-16 code units, where such a character counts 2; were they counted in code points?");
        }
    }

    private static boolean splitsSurrogatePair(String text, int index) {
        return index > 0 && index < text.length()
                && Character.isHighSurrogate(text.charAt(index - 1)) && Character.isLowSurrogate(text.charAt(index));
    }
}

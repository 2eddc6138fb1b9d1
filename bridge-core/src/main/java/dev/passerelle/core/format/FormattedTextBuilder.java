package dev.passerelle.core.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link FormattedText} by appending runs of text, each with the styles that cover exactly that run;
 * styles that span several runs are added with {@link #applySince}. Not thread-safe; use one per message.
 *
 * <pre>{@code
 * var b = FormattedText.builder();
 * int start = b.length();
 * b.append("Hello ").append("Alice", new EntityType.UserMention("@alice:example.org"));
 * b.applySince(start, EntityType.BOLD).append("!");
 * }</pre>
 */
public final class FormattedTextBuilder {

    private final StringBuilder text = new StringBuilder();
    private final List<Entity> entities = new ArrayList<>();

    FormattedTextBuilder() {}

    /** Appends {@code run}, covered by each of {@code types}; an empty run adds nothing. */
    public FormattedTextBuilder append(String run, EntityType... types) {
        int start = text.length();
        text.append(run);
        if (!run.isEmpty()) {
            for (EntityType type : types) {
                entities.add(new Entity(start, run.length(), type));
            }
        }
        return this;
    }

    /** Appends another formatted text, moving its entities past what is already here. */
    public FormattedTextBuilder append(FormattedText other) {
        int start = text.length();
        text.append(other.text());
        for (Entity e : other.entities()) {
            entities.add(e.shift(start));
        }
        return this;
    }

    /** Covers everything appended since {@code start} (a former {@link #length()}) with {@code type}. */
    public FormattedTextBuilder applySince(int start, EntityType type) {
        if (start < 0 || start > text.length()) {
            throw new IllegalArgumentException("applySince(" + start + ") is outside the text built so far (length "
                    + text.length() + "); pass a value that length() returned earlier");
        }
        if (start < text.length()) {
            entities.add(new Entity(start, text.length() - start, type));
        }
        return this;
    }

    /** The number of UTF-16 code units appended so far: the offset the next run will start at. */
    public int length() {
        return text.length();
    }

    public FormattedText build() {
        return new FormattedText(text.toString(), entities);
    }
}

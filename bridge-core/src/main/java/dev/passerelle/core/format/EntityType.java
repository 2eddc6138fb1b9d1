package dev.passerelle.core.format;

import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Entity} does to its range of text. A closed family: a connector maps each of its own
 * styles to one of these (or drops it), and the Matrix side handles every case with an exhaustive switch.
 */
public sealed interface EntityType {

    /** Shared instances of the types without data, for readable construction ({@code EntityType.BOLD}). */
    EntityType BOLD = new Bold();
    EntityType ITALIC = new Italic();
    EntityType UNDERLINE = new Underline();
    EntityType STRIKETHROUGH = new Strikethrough();
    EntityType CODE = new Code();
    EntityType BLOCKQUOTE = new Blockquote();

    /** Bold text ({@code <strong>}). */
    record Bold() implements EntityType {}

    /** Italic text ({@code <em>}). */
    record Italic() implements EntityType {}

    /** Underlined text ({@code <u>}). */
    record Underline() implements EntityType {}

    /** Struck-through text ({@code <del>}). */
    record Strikethrough() implements EntityType {}

    /** Hidden until the reader reveals it; the reason, when present, is shown instead of the text. */
    record Spoiler(Optional<String> reason) implements EntityType {
        public Spoiler {
            Objects.requireNonNull(reason, "reason (use Optional.empty() for none)");
        }
    }

    /** Inline monospace code ({@code <code>}). */
    record Code() implements EntityType {}

    /**
     * A code block ({@code <pre><code>}), a block of its own lines; the language (e.g. "java"), when present,
     * is a highlighting hint.
     */
    record Pre(Optional<String> language) implements EntityType {
        public Pre {
            Objects.requireNonNull(language, "language (use Optional.empty() for none)");
        }
    }

    /** A hyperlink; the range's text is what the reader sees, {@code url} where it leads. */
    record Link(String url) implements EntityType {
        public Link {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("A link needs a URL, got " + (url == null ? "null" : "a blank string"));
            }
        }
    }

    /**
     * A mention of a Matrix user (a pill). The range's text is the name the reader sees. Connectors map their
     * remote user ids to the ghosts' Matrix ids before building it and back after parsing it, so this layer
     * only ever deals with Matrix ids.
     */
    record UserMention(String userId) implements EntityType {
        public UserMention {
            if (userId == null || !userId.startsWith("@") || userId.indexOf(':') < 2) {
                throw new IllegalArgumentException(
                        "A mention needs a Matrix user id like @alice:example.org, got '" + userId + "'");
            }
        }
    }

    /** A quotation, a block of its own lines ({@code <blockquote>}). */
    record Blockquote() implements EntityType {}
}

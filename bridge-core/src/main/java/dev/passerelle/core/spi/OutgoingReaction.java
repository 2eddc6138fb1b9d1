package dev.passerelle.core.spi;

/**
 * A reaction from Matrix, or its removal.
 *
 * @param emoji the key of the Matrix annotation (an emoji, or text on networks that allow it)
 */
public record OutgoingReaction(MessageTarget target, String emoji) {
}

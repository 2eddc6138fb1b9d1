package dev.passerelle.core.spi;

/** A Matrix edit of a bridged message: {@code newContent} replaces the text of {@code target}. */
public record OutgoingEdit(MessageTarget target, String eventId, MessageContent newContent) {
}

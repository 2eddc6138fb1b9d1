package dev.passerelle.core.spi;

/**
 * A Matrix edit of a bridged message: {@code newContent} replaces part {@code partId} of {@code target}
 * ({@code ""} for a message of one part).
 */
public record OutgoingEdit(MessageTarget target, String partId, String eventId, MessageContent newContent) {
}

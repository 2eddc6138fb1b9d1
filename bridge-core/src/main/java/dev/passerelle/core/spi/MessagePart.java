package dev.passerelle.core.spi;

/**
 * One Matrix event's worth of a network message: a photo album or a file with a long caption may be several parts.
 *
 * @param partId stable id of the part within its message ({@code ""} for a message of one part)
 */
public record MessagePart(String partId, MessageContent content) {

    public static MessagePart only(MessageContent content) {
        return new MessagePart("", content);
    }
}

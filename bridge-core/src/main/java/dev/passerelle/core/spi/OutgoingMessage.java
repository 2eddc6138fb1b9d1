package dev.passerelle.core.spi;

import java.util.Optional;

/**
 * A Matrix message to send to the network.
 *
 * <p>{@code threadRoot} was added after the first connectors were written; the constructor without it (no thread)
 * is kept so that they compile unchanged. A connector without threads ignores it and sends the message to the chat.
 *
 * @param chatId     the chat of the portal it was sent in
 * @param eventId    the Matrix event id (for the connector's logs and idempotency keys)
 * @param content    what to send
 * @param replyTo    the bridged message it answers, if any (never the fallback reply of a Matrix thread message)
 * @param relayedBy  when sent through a relay login for a Matrix user without one: that user's display name,
 *                   already put in front of the text by the engine; for information only
 * @param threadRoot when sent in a Matrix thread whose root is a bridged message: that root (for Telegram, the
 *                   first message of a forum topic); empty otherwise
 */
public record OutgoingMessage(String chatId, String eventId, MessageContent content, Optional<MessageTarget> replyTo,
                              Optional<String> relayedBy, Optional<MessageTarget> threadRoot) {

    /** A message outside any thread. */
    public OutgoingMessage(String chatId, String eventId, MessageContent content, Optional<MessageTarget> replyTo,
                           Optional<String> relayedBy) {
        this(chatId, eventId, content, replyTo, relayedBy, Optional.empty());
    }
}

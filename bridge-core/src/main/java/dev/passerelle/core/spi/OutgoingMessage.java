package dev.passerelle.core.spi;

import java.util.Optional;

/**
 * A Matrix message to send to the network.
 *
 * @param chatId    the chat of the portal it was sent in
 * @param eventId   the Matrix event id (for the connector's logs and idempotency keys)
 * @param content   what to send
 * @param replyTo   the bridged message it answers, if any
 * @param relayedBy when sent through a relay login for a Matrix user without one: that user's display name,
 *                  already put in front of the text by the engine; for information only
 */
public record OutgoingMessage(String chatId, String eventId, MessageContent content, Optional<MessageTarget> replyTo,
                              Optional<String> relayedBy) {
}

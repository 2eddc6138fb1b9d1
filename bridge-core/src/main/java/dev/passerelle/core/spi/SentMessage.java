package dev.passerelle.core.spi;

import java.time.Instant;

/**
 * What the network answered to a sent message.
 *
 * @param messageId the remote id it got; the engine maps it to the Matrix event so that replies, edits, reactions
 *                  and the network's echo of the message find it
 * @param timestamp when the network says it was sent
 */
public record SentMessage(String messageId, Instant timestamp) {
}

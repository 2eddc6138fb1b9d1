package dev.passerelle.testnet;

import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.Sender;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as the network keeps it, the same for every viewer; {@link #toEvent} gives one viewer's view.
 * {@code threadRoot} is the first message of the thread it was written in, if any.
 */
record StoredMessage(String id, String senderId, Instant timestamp, List<MessagePart> parts, Optional<String> replyTo,
                     Optional<String> threadRoot) {

    RemoteEvent.Message toEvent(PortalRef portal, String viewer) {
        return new RemoteEvent.Message(portal, new Sender(senderId, senderId.equals(viewer)), id, timestamp, parts,
                replyTo, threadRoot);
    }

    /** This message with the content of part {@code partId} replaced (an edit). */
    StoredMessage withPart(String partId, MessageContent content) {
        List<MessagePart> edited = parts.stream()
                .map(p -> p.partId().equals(partId) ? new MessagePart(partId, content) : p)
                .toList();
        return new StoredMessage(id, senderId, timestamp, edited, replyTo, threadRoot);
    }
}

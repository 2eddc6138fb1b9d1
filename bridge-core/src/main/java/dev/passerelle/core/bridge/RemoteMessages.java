package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.store.MessageKey;
import dev.passerelle.core.store.MessageRow;
import dev.passerelle.core.store.MessageStore;
import dev.passerelle.core.store.PortalRow;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network messages, edits and deletions → Matrix events sent as the sender's ghost. Each part is sent with a txn id
 * derived from its remote ids and stored in the {@code message} table, so that a repeated event sends nothing
 * twice. Blocks; call from the portal's queue.
 */
final class RemoteMessages {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteMessages.class);

    private final MatrixClient matrix;
    private final ObjectMapper mapper;
    private final MessageStore messages;
    private final ToMatrix toMatrix;

    private final MediaTransfers media;

    RemoteMessages(MatrixClient matrix, ObjectMapper mapper, MessageStore messages, MediaTransfers media) {
        this.matrix = matrix;
        this.mapper = mapper;
        this.messages = messages;
        this.media = media;
        this.toMatrix = new ToMatrix(mapper, media::readFromNetwork);
    }

    /** Sends {@code m} as {@code senderMxid} (the sender's ghost, or the user's double puppet). */
    void message(PortalRow portal, String senderMxid, RemoteEvent.Message m) {
        String roomId = portal.roomId().orElseThrow();
        Intent ghost = matrix.intent(senderMxid);
        Optional<MessageRow> replyTo = m.replyTo().flatMap(id -> messages.getParts(portal.key(), id).stream()
                .findFirst());
        Optional<MessageRow> threadRoot = m.threadRoot().flatMap(id -> messages.getParts(portal.key(), id).stream()
                .findFirst());
        if (m.threadRoot().isPresent() && threadRoot.isEmpty()) {
            LOG.info("Message {} in {} is in thread {}, which was never bridged; sent outside any thread",
                    m.messageId(), roomId, m.threadRoot().get());
        }
        boolean first = true;
        for (MessagePart part : m.parts()) {
            MessageKey key = new MessageKey(portal.key(), m.messageId(), part.partId());
            if (messages.get(key).isPresent()) {
                LOG.debug("Message {} part '{}' in {} is bridged already; skipped", m.messageId(), part.partId(),
                        roomId);
                first = false;
                continue;
            }
            MatrixEvent event = toMatrix.convert(part.content(),
                    (body, mime, name) -> MediaTransfers.upload(ghost, body, mime, name), limit(portal, part));
            Optional<MessageRow> answers = first ? replyTo : Optional.empty();
            if (threadRoot.isPresent()) {
                event.content().set("m.relates_to", ThreadRelation.of(mapper, threadRoot.get(), answers,
                        messages.lastInThread(portal.key(), m.threadRoot().get())));
            } else if (answers.isPresent()) {
                event.content().putObject("m.relates_to").putObject("m.in_reply_to")
                        .put("event_id", answers.get().eventId());
            }
            first = false;
            if (ghost.isDoublePuppet()) {
                event.content().put(DoublePuppets.SOURCE_KEY, DoublePuppets.SOURCE);
            }
            String eventId = ghost.sendMessage(roomId, event.type(), event.content(),
                    TxnIds.of("msg", portal.key(), m.messageId(), part.partId()), Optional.of(m.timestamp()));
            MessageRow row = MessageRow.of(key, roomId, eventId, m.sender().remoteUserId(), senderMxid,
                    m.timestamp());
            if (m.replyTo().isPresent()) {
                row = row.withReplyTo(m.replyTo().get(), Optional.empty());
            }
            if (m.threadRoot().isPresent()) {
                row = row.withThreadRoot(m.threadRoot().get());
            }
            messages.insert(row);
        }
    }

    void edit(PortalRow portal, String senderMxid, RemoteEvent.Edit e) {
        Optional<MessageRow> target = messages.get(new MessageKey(portal.key(), e.messageId(), e.partId()));
        if (target.isEmpty()) {
            LOG.info("Edit of message {} part '{}' in {}: the message was never bridged; ignored", e.messageId(),
                    e.partId(), portal.key());
            return;
        }
        Intent ghost = matrix.intent(senderMxid);
        MatrixEvent converted = toMatrix.convert(e.newContent(),
                (body, mime, name) -> MediaTransfers.upload(ghost, body, mime, name),
                e.newContent() instanceof MessageContent.Media ? media.limit(portal.key().network()) : MediaLimit.NONE);
        ObjectNode content = converted.content().deepCopy();
        if (content.has("body")) {
            content.put("body", "* " + content.path("body").asText());
        }
        if (content.has("formatted_body")) {
            content.put("formatted_body", "* " + content.path("formatted_body").asText());
        }
        content.set("m.new_content", converted.content());
        content.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", target.get().eventId());
        if (ghost.isDoublePuppet()) {
            content.put(DoublePuppets.SOURCE_KEY, DoublePuppets.SOURCE);
        }
        ghost.sendMessage(target.get().roomId(), "m.room.message", content,
                TxnIds.of("edit", portal.key(), e.messageId(), e.partId(),
                        Long.toString(e.timestamp().toEpochMilli())), Optional.of(e.timestamp()));
        messages.markEdited(target.get().key(), e.timestamp());
    }

    // Only a file needs the limit (which may ask the homeserver for its media config, once an hour).
    private MediaLimit limit(PortalRow portal, MessagePart part) {
        return part.content() instanceof MessageContent.Media ? media.limit(portal.key().network()) : MediaLimit.NONE;
    }

    void delete(Network network, PortalRow portal, RemoteEvent.MessageDeleted d) {
        List<MessageRow> parts = messages.getParts(portal.key(), d.messageId());
        for (MessageRow part : parts) {
            // A ghost redacts its own event; anything else (a Matrix user's message, deleted on the network) is
            // redacted by the network's bot, which created the room with power 100: the bridge cannot act as a
            // real Matrix user.
            String redactor = network.ghostIds().remoteUserId(part.senderMxid()).isPresent()
                    ? part.senderMxid() : network.botUserId();
            matrix.intent(redactor).redact(part.roomId(), part.eventId(), Optional.empty(),
                    TxnIds.of("redact", portal.key(), d.messageId(), part.key().partId()));
        }
        messages.deleteAllParts(portal.key(), d.messageId());
    }
}

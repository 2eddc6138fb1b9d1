package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.matrix.DownloadedMedia;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.matrix.MediaBody;
import dev.passerelle.core.matrix.MediaTooLargeException;
import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageContent.MediaKind;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkCapabilities.MessageKind;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingEdit;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.core.store.MessageEditStore;
import dev.passerelle.core.store.MessageKey;
import dev.passerelle.core.store.MessageRow;
import dev.passerelle.core.store.MessageStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix messages, stickers and their edits → the network, through the sender's login. A sent message is stored
 * in the {@code message} table (remote id ⇄ event id) so that replies, edits, reactions and the network's echo find
 * it. What the network cannot carry is not sent, and the user is told. Blocks; call from the portal's queue.
 */
final class MatrixMessages {

    private static final Logger LOG = LoggerFactory.getLogger(MatrixMessages.class);

    private final MatrixClient matrix;
    private final MessageStore messages;
    private final DeliveryReports reports;
    private final NetworkRetries retries;
    private final Clock clock;
    private final MediaTransfers media;
    private final RelayPrefix relayPrefix;

    private final MessageEditStore edits;

    MatrixMessages(MatrixClient matrix, MessageStore messages, MessageEditStore edits, DeliveryReports reports,
                   NetworkRetries retries, Clock clock, MediaTransfers media, RelayPrefix relayPrefix) {
        this.edits = edits;
        this.media = media;
        this.relayPrefix = relayPrefix;
        this.matrix = matrix;
        this.messages = messages;
        this.reports = reports;
        this.retries = retries;
        this.clock = clock;
    }

    /** Sends an {@code m.room.message} or {@code m.sticker} (an edit when it replaces another message). */
    void send(MatrixAction a) {
        JsonNode relation = a.content().path("m.relates_to");
        if (relation.path("rel_type").asText().equals("m.replace")) {
            edit(a, relation.path("event_id").asText());
            return;
        }
        Optional<Prepared> prepared = convert(a, a.event().type(), a.content());
        if (prepared.isEmpty()) {
            return;
        }
        try (Prepared p = prepared.get()) {
            send(a, relation, p.content());
        }
    }

    private void send(MatrixAction a, JsonNode relation, MessageContent content) {
        boolean inThread = ThreadRelation.isThread(relation);
        // In a thread, m.in_reply_to with is_falling_back: true is only there for clients without threads; a network
        // without threads is such a client, and keeps it as the reply.
        boolean realReply = !inThread || !relation.path("is_falling_back").asBoolean(false)
                || !(a.login().client() instanceof NetworkClient.ThreadSending);
        Optional<MessageRow> replyTo = Optional.ofNullable(relation.path("m.in_reply_to").get("event_id"))
                .filter(JsonNode::isTextual).filter(id -> realReply).flatMap(id -> bridged(a, id.asText()));
        Optional<MessageRow> threadRoot = Optional.ofNullable(relation.get("event_id"))
                .filter(id -> inThread && id.isTextual()).flatMap(id -> bridged(a, id.asText()));
        if (inThread && threadRoot.isEmpty()) {
            LOG.info("Message {} is in a Matrix thread whose root {} was never bridged; sent outside any thread",
                    a.eventId(), relation.path("event_id").asText());
        }
        OutgoingMessage out = new OutgoingMessage(a.chatId(), a.eventId(), content,
                replyTo.map(r -> new MessageTarget(a.chatId(), r.key().messageId())), a.relayedBy(),
                threadRoot.map(r -> new MessageTarget(a.chatId(), r.key().messageId())));
        SentMessage sent;
        try {
            sent = retries.call("Sending " + a.eventId(), () -> a.login().client().sendMessage(out));
        } catch (NetworkException e) {
            LOG.info("Message {} of {} was not delivered to {}: {}", a.eventId(), a.event().sender(), a.network().id(),
                    e.getMessage());
            reports.failed(a.network(), a.portal().key(), a.roomId(), a.eventId(), e);
            return;
        }
        MessageRow row = MessageRow.of(MessageKey.single(a.portal().key(), sent.messageId()), a.roomId(),
                a.eventId(), a.login().key().loginId(), a.event().sender(), sent.timestamp());
        if (replyTo.isPresent()) {
            String part = replyTo.get().key().partId();
            row = row.withReplyTo(replyTo.get().key().messageId(), part.isEmpty() ? Optional.empty()
                    : Optional.of(part));
        }
        if (threadRoot.isPresent()) {
            row = row.withThreadRoot(threadRoot.get().key().messageId());
        }
        messages.insert(row);
        reports.delivered(a.network(), a.portal().key(), a.roomId(), a.eventId());
    }

    private void edit(MatrixAction a, String targetEventId) {
        if (edits.isSent(a.eventId())) {
            LOG.debug("Edit {} was sent to {} already (handed again after a restart); skipped", a.eventId(),
                    a.network().id());
            return;
        }
        Optional<MessageRow> target = bridged(a, targetEventId);
        if (target.isEmpty()) {
            LOG.debug("Edit {} of {}: that event was never bridged; ignored", a.eventId(), targetEventId);
            return;
        }
        if (a.relayedBy().isPresent() && !target.get().senderMxid().equals(a.event().sender())) {
            refuse(a, DeliveryReports.Reason.NO_PERMISSION, "Through the relay you can only edit your own messages;"
                    + " your edit was not sent.");
            return;
        }
        NetworkCapabilities caps = a.network().capabilities();
        if (!(a.login().client() instanceof NetworkClient.EditHandling editing) || !caps.edits()) {
            refuse(a, DeliveryReports.Reason.UNSUPPORTED, a.networkName()
                    + " does not support editing messages; your edit was not sent.");
            return;
        }
        if (caps.editWindow().isPresent()
                && target.get().sentAt().plus(caps.editWindow().get()).isBefore(clock.instant())) {
            refuse(a, DeliveryReports.Reason.TOO_OLD, "This message is too old to be edited on " + a.networkName()
                    + "; your edit was not sent.");
            return;
        }
        JsonNode newContent = a.content().path("m.new_content");
        if (!newContent.isObject()) {
            LOG.debug("Edit {} has no m.new_content; ignored", a.eventId());
            return;
        }
        if (newContent.has(ToMatrix.POLL_START) || newContent.has("m.poll")) {
            refuse(a, DeliveryReports.Reason.UNSUPPORTED, "A poll cannot be changed on " + a.networkName()
                    + " once it is sent; your change was not sent.");
            return;
        }
        Optional<Prepared> content = convert(a, "m.room.message", newContent);
        if (content.isEmpty()) {
            return;
        }
        try (Prepared p = content.get()) {
            OutgoingEdit edit = new OutgoingEdit(new MessageTarget(a.chatId(), target.get().key().messageId()),
                    target.get().key().partId(), a.eventId(), p.content());
            retries.call("Editing with " + a.eventId(), () -> {
                editing.sendEdit(edit);
                return null;
            });
        } catch (NetworkException e) {
            reports.failed(a.network(), a.portal().key(), a.roomId(), a.eventId(), e);
            return;
        }
        messages.markEdited(target.get().key(), clock.instant());
        edits.record(a.eventId(), target.get().key(), clock.instant());
        reports.delivered(a.network(), a.portal().key(), a.roomId(), a.eventId());
    }

    /** Content ready to send, with the file it holds (if any) deleted on close, once the network has it. */
    private record Prepared(MessageContent content, Optional<MediaBody> held) implements AutoCloseable {
        @Override
        public void close() {
            held.ifPresent(MediaBody::close);
        }
    }

    /**
     * The content as the network can carry it, its file (if any) downloaded from the homeserver within the size
     * limit; empty (and the user told) when it cannot be sent.
     */
    private Optional<Prepared> convert(MatrixAction a, String type, JsonNode content) {
        Optional<MessageContent> converted = FromMatrix.convert(type, content, mxc -> NOT_DOWNLOADED);
        if (converted.isEmpty()) {
            refuse(a, DeliveryReports.Reason.UNSUPPORTED, a.networkName()
                    + " cannot carry this kind of message; it was not sent.");
            return Optional.empty();
        }
        NetworkCapabilities caps = a.network().capabilities();
        MessageContent ready = asVideoWhenNoAnimations(converted.get(), caps);
        MessageKind kind = kindOf(ready);
        if (!caps.messageKinds().contains(kind)) {
            refuse(a, DeliveryReports.Reason.UNSUPPORTED, a.networkName() + " does not accept "
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + " messages; it was not sent.");
            return Optional.empty();
        }
        Optional<MediaBody> held = Optional.empty();
        if (ready instanceof MessageContent.Media m) {
            Optional<DownloadedMedia> file = download(a, content.path("url").asText(), m);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            MediaBody body = file.get().body();
            held = Optional.of(body);
            String mime = m.mimeType();
            try {
                if (MimeTypes.isUnknown(mime)) {
                    mime = MimeTypes.isUnknown(file.get().contentType())
                            ? MimeTypes.detect(body.head(MimeTypes.HEAD), m.fileName()) : file.get().contentType();
                }
            } catch (IOException e) {
                body.close();
                throw new java.io.UncheckedIOException("Could not read back the file of " + a.eventId(), e);
            }
            ready = new MessageContent.Media(m.kind(), body::open, m.fileName(), mime, body.size(), m.dimensions(),
                    m.durationMs(), m.caption(), m.waveform());
        }
        MessageContent finalContent = ready;
        MessageContent relayed = a.relayedBy().map(name -> relayPrefix.apply(name, a.event().sender(), finalContent))
                .orElse(finalContent);
        return Optional.of(new Prepared(caps.formatting() ? relayed : plain(relayed), held));
    }

    /**
     * The file of a media message, from the homeserver, within the limit; empty (and the user told why) when it is
     * too large or cannot be downloaded.
     */
    private Optional<DownloadedMedia> download(MatrixAction a, String mxc, MessageContent.Media m) {
        MediaLimit limit = media.limit(a.network().id());
        if (m.size() > limit.bytes()) {
            refuse(a, DeliveryReports.Reason.UNSUPPORTED, "The file is " + megabytes(m.size()) + " but "
                    + limit.describe() + "; it was not sent.");
            return Optional.empty();
        }
        try {
            return Optional.of(media.downloadFromMatrix(mxc, limit.bytes()));
        } catch (MediaTooLargeException e) {
            refuse(a, DeliveryReports.Reason.UNSUPPORTED, "The file is "
                    + (e.size().isPresent() ? megabytes(e.size().getAsLong()) : "larger than that") + " but "
                    + limit.describe() + "; it was not sent.");
        } catch (MatrixException e) {
            refuse(a, DeliveryReports.Reason.NETWORK_ERROR, "The file could not be downloaded from the homeserver ("
                    + (e.errcode().isEmpty() ? "HTTP " + e.status() : e.errcode()) + "); it was not sent. "
                    + "Try sending it again.");
        }
        return Optional.empty();
    }

    // FromMatrix's source for a file, replaced by the downloaded one before anything is sent.
    private static final MediaSource NOT_DOWNLOADED = () -> {
        throw new IOException("the file was not downloaded from the homeserver yet");
    };

    private void refuse(MatrixAction a, DeliveryReports.Reason reason, String message) {
        LOG.info("Event {} of {} not sent to {}: {}", a.eventId(), a.event().sender(), a.network().id(), message);
        reports.refused(a.network(), a.portal().key(), a.roomId(), a.eventId(), false, reason, message);
    }

    /** The bridged message behind a Matrix event of this portal; empty when there is none. */
    private Optional<MessageRow> bridged(MatrixAction a, String eventId) {
        return messages.getByEventId(eventId).filter(r -> r.key().portal().equals(a.portal().key()));
    }

    static MessageKind kindOf(MessageContent content) {
        return switch (content) {
            case MessageContent.Text t -> switch (t.kind()) {
                case NORMAL -> MessageKind.TEXT;
                case NOTICE -> MessageKind.NOTICE;
                case EMOTE -> MessageKind.EMOTE;
            };
            case MessageContent.Media m -> MessageKind.valueOf(m.kind().name());
            case MessageContent.Location l -> MessageKind.LOCATION;
            case MessageContent.Poll p -> MessageKind.POLL;
        };
    }

    // A GIF is still a video (or an image) to a network that has no looping kind of its own.
    private static MessageContent asVideoWhenNoAnimations(MessageContent content, NetworkCapabilities caps) {
        if (content instanceof MessageContent.Media m && m.kind() == MediaKind.ANIMATION
                && !caps.messageKinds().contains(MessageKind.ANIMATION)) {
            MediaKind instead = m.mimeType().equals("image/gif") ? MediaKind.IMAGE : MediaKind.VIDEO;
            return new MessageContent.Media(instead, m.media(), m.fileName(), m.mimeType(), m.size(), m.dimensions(),
                    m.durationMs(), m.caption(), m.waveform());
        }
        return content;
    }

    // For networks without rich text: the plain text, so that no markup leaks as literal characters.
    private static MessageContent plain(MessageContent content) {
        return switch (content) {
            case MessageContent.Text t -> new MessageContent.Text(FormattedText.plain(t.text().text()), t.kind());
            case MessageContent.Media m -> m.withCaption(FormattedText.plain(m.caption().text()));
            case MessageContent.Location l -> l;
            case MessageContent.Poll p -> p;
        };
    }

    private static String megabytes(long bytes) {
        return MediaTooLargeException.megabytes(bytes);
    }
}

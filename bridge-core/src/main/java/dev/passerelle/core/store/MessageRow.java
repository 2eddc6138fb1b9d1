package dev.passerelle.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One part of a remote message and the Matrix event it became.
 *
 * @param key          portal, remote message id and part
 * @param roomId       the Matrix room the event is in
 * @param eventId      the Matrix event id; unique across all messages
 * @param senderId     the remote id of the sender
 * @param senderMxid   the Matrix user who sent the event (a ghost, or the Matrix user for messages from Matrix)
 * @param sentAt       the message's time on the network (to the millisecond)
 * @param replyToId    the remote id of the message this one replies to
 * @param replyToPart  the part replied to, when the network says; empty means the first part
 * @param threadRootId the remote id of the thread's first message, when the message is in a thread
 * @param editCount    how many edits have been bridged
 * @param editedAt     when it was last edited (to the millisecond)
 * @param metadata     JSON that only the connector reads
 */
public record MessageRow(MessageKey key, String roomId, String eventId, String senderId, String senderMxid,
        Instant sentAt, Optional<String> replyToId, Optional<String> replyToPart, Optional<String> threadRootId,
        int editCount, Optional<Instant> editedAt, Optional<String> metadata) {

    public MessageRow {
        Objects.requireNonNull(key, "key");
        IdChecks.requireId(roomId, "roomId");
        IdChecks.requireId(eventId, "eventId");
        IdChecks.requireId(senderId, "senderId");
        IdChecks.requireId(senderMxid, "senderMxid");
        sentAt = Millis.exact(sentAt);
        Objects.requireNonNull(replyToId, "replyToId");
        Objects.requireNonNull(replyToPart, "replyToPart");
        Objects.requireNonNull(threadRootId, "threadRootId");
        editedAt = Millis.exact(Objects.requireNonNull(editedAt, "editedAt"));
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A plain message just bridged: no reply, no thread, never edited. */
    public static MessageRow of(MessageKey key, String roomId, String eventId, String senderId, String senderMxid,
            Instant sentAt) {
        Optional<String> none = Optional.empty();
        return new MessageRow(key, roomId, eventId, senderId, senderMxid, sentAt, none, none, none, 0,
                Optional.empty(), none);
    }

    public MessageRow withReplyTo(String messageId, Optional<String> partId) {
        return new MessageRow(key, roomId, eventId, senderId, senderMxid, sentAt, Optional.of(messageId), partId,
                threadRootId, editCount, editedAt, metadata);
    }

    public MessageRow withThreadRoot(String rootMessageId) {
        return new MessageRow(key, roomId, eventId, senderId, senderMxid, sentAt, replyToId, replyToPart,
                Optional.of(rootMessageId), editCount, editedAt, metadata);
    }
}

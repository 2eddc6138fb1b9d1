package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.MESSAGE;

import dev.passerelle.core.store.jooq.tables.records.MessageRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * The {@code message} table: which Matrix event each part of a remote message became, looked up from either side.
 * "Last" means latest by network time, and among messages of the same time the one stored last. Every method
 * blocks; call from virtual threads.
 */
public final class MessageStore {

    private static final List<Field<?>> KEY = List.of(MESSAGE.NETWORK, MESSAGE.CHAT_ID, MESSAGE.RECEIVER,
            MESSAGE.MESSAGE_ID, MESSAGE.PART_ID);
    private static final List<Field<?>> STORED = Arrays.stream(MESSAGE.fields()).filter(f -> !f.equals(MESSAGE.SEQ))
            .toList();
    /** Every column but {@code seq}, then {@code seq} computed in the same statement (see {@link #insert}). */
    private static final String INSERT = "INSERT INTO message (" + HotStatements.names(STORED) + ", seq) VALUES ("
            + "?, ".repeat(STORED.size()) + "(SELECT COALESCE(MAX(seq), 0) + 1 FROM message"
            + " WHERE network = ? AND chat_id = ? AND receiver = ?)) ON CONFLICT DO NOTHING";
    private static final String GET = HotStatements.selectWhere(MESSAGE, KEY);

    private final DSLContext dsl;
    private final GroupCommit writes;

    public MessageStore(Database database) {
        this.dsl = database.dsl();
        this.writes = database.groupCommit();
    }

    /**
     * Stores a bridged message part. Idempotent: when the part or its event id is already stored nothing changes.
     * The portal must be stored.
     *
     * @return true when stored, false when it was there already
     */
    public boolean insert(MessageRow row) {
        PortalKey portal = row.key().portal();
        MessageRecord record = new MessageRecord();
        record.setNetwork(portal.network());
        record.setChatId(portal.chatId());
        record.setReceiver(portal.receiver());
        record.setMessageId(row.key().messageId());
        record.setPartId(row.key().partId());
        record.setRoomId(row.roomId());
        record.setEventId(row.eventId());
        record.setSenderId(row.senderId());
        record.setSenderMxid(row.senderMxid());
        record.setSentAt(Millis.of(row.sentAt()));
        record.setReplyToId(row.replyToId().orElse(null));
        record.setReplyToPart(row.replyToPart().orElse(null));
        record.setThreadRootId(row.threadRootId().orElse(null));
        record.setEditCount(row.editCount());
        record.setEditedAt(Millis.ofOptional(row.editedAt()));
        record.setMetadata(row.metadata().orElse(null));
        // Arrival order within the portal, computed in the same statement. A portal's events are handled one at a
        // time, so two inserts never race for the same number; if they did, the tie is broken by message id.
        Object[] stored = HotStatements.values(record, STORED);
        Object[] values = Arrays.copyOf(stored, stored.length + 3);
        values[stored.length] = portal.network();
        values[stored.length + 1] = portal.chatId();
        values[stored.length + 2] = portal.receiver();
        // One row per bridged message: committed together with other portals' rows (see GroupCommit).
        return writes.update(INSERT, values) > 0;
    }

    /** The message part, or empty when it has not been bridged. */
    public Optional<MessageRow> get(MessageKey key) {
        return HotStatements.fetchOne(dsl, MESSAGE, GET, key.portal().network(), key.portal().chatId(),
                key.portal().receiver(), key.messageId(), key.partId()).map(MessageStore::toRow);
    }

    /** All bridged parts of a remote message in the order they were stored; empty when it has not been bridged. */
    public List<MessageRow> getParts(PortalKey portal, String messageId) {
        return dsl.selectFrom(MESSAGE).where(inPortal(portal).and(MESSAGE.MESSAGE_ID.eq(messageId)))
                .orderBy(MESSAGE.SEQ, MESSAGE.PART_ID)
                .fetch(MessageStore::toRow);
    }

    /** The message part that became this Matrix event, or empty when the event is no bridged message. */
    public Optional<MessageRow> getByEventId(String eventId) {
        return dsl.selectFrom(MESSAGE).where(MESSAGE.EVENT_ID.eq(eventId)).fetchOptional().map(MessageStore::toRow);
    }

    /** The latest message part in the portal (where catch-up resumes), or empty when none has been bridged. */
    public Optional<MessageRow> lastInPortal(PortalKey portal) {
        return latest(inPortal(portal));
    }

    /** The latest message part sent at or before {@code time} (for read receipts), or empty when there is none. */
    public Optional<MessageRow> lastAtOrBefore(PortalKey portal, Instant time) {
        return latest(inPortal(portal).and(MESSAGE.SENT_AT.le(Millis.of(time))));
    }

    /**
     * The latest message part in the thread that starts with {@code rootMessageId} (not the root itself), or empty
     * when nothing was bridged in that thread yet.
     */
    public Optional<MessageRow> lastInThread(PortalKey portal, String rootMessageId) {
        return latest(inPortal(portal).and(MESSAGE.THREAD_ROOT_ID.eq(rootMessageId)));
    }

    /** Counts one more bridged edit of the part; false when the part is not stored. */
    public boolean markEdited(MessageKey key, Instant editedAt) {
        return dsl.update(MESSAGE).set(MESSAGE.EDIT_COUNT, MESSAGE.EDIT_COUNT.plus(1))
                .set(MESSAGE.EDITED_AT, Millis.of(editedAt))
                .where(matches(key)).execute() > 0;
    }

    /** Deletes one part and its reactions; false when it was not stored. */
    public boolean delete(MessageKey key) {
        return dsl.deleteFrom(MESSAGE).where(matches(key)).execute() > 0;
    }

    /** Deletes every part of a remote message and their reactions; returns how many parts were deleted. */
    public int deleteAllParts(PortalKey portal, String messageId) {
        return dsl.deleteFrom(MESSAGE).where(inPortal(portal).and(MESSAGE.MESSAGE_ID.eq(messageId))).execute();
    }

    private Optional<MessageRow> latest(Condition where) {
        return dsl.selectFrom(MESSAGE).where(where)
                .orderBy(MESSAGE.SENT_AT.desc(), MESSAGE.SEQ.desc(), MESSAGE.MESSAGE_ID.desc(), MESSAGE.PART_ID.desc())
                .limit(1)
                .fetchOptional().map(MessageStore::toRow);
    }

    private static Condition inPortal(PortalKey portal) {
        return MESSAGE.NETWORK.eq(portal.network()).and(MESSAGE.CHAT_ID.eq(portal.chatId()))
                .and(MESSAGE.RECEIVER.eq(portal.receiver()));
    }

    private static Condition matches(MessageKey key) {
        return inPortal(key.portal()).and(MESSAGE.MESSAGE_ID.eq(key.messageId()))
                .and(MESSAGE.PART_ID.eq(key.partId()));
    }

    private static MessageRow toRow(MessageRecord r) {
        PortalKey portal = new PortalKey(r.getNetwork(), r.getChatId(), r.getReceiver());
        return new MessageRow(new MessageKey(portal, r.getMessageId(), r.getPartId()), r.getRoomId(), r.getEventId(),
                r.getSenderId(), r.getSenderMxid(), Millis.toInstant(r.getSentAt()),
                Optional.ofNullable(r.getReplyToId()), Optional.ofNullable(r.getReplyToPart()),
                Optional.ofNullable(r.getThreadRootId()), r.getEditCount(), Millis.toOptional(r.getEditedAt()),
                Optional.ofNullable(r.getMetadata()));
    }
}

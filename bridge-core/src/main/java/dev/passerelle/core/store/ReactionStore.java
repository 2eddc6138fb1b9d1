package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.REACTION;

import dev.passerelle.core.store.jooq.tables.records.ReactionRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The {@code reaction} table: reactions and the Matrix events they became. Reactions go when their message part
 * goes. Every method blocks; call from virtual threads.
 */
public final class ReactionStore {

    private final DSLContext dsl;

    public ReactionStore(Database database) {
        this.dsl = database.dsl();
    }

    /** The reaction, or empty when it is not stored. */
    public Optional<ReactionRow> get(ReactionKey key) {
        return dsl.selectFrom(REACTION).where(matches(key)).fetchOptional().map(ReactionStore::toRow);
    }

    /** The reaction that became this Matrix event, or empty when the event is no bridged reaction. */
    public Optional<ReactionRow> getByEventId(String eventId) {
        return dsl.selectFrom(REACTION).where(REACTION.EVENT_ID.eq(eventId)).fetchOptional().map(ReactionStore::toRow);
    }

    /**
     * Stores the reaction or replaces the one with the same key (emoji, event and time). On networks with one
     * reaction per sender, redact the old event (see {@link #get}) before replacing it. The target message part must
     * be stored.
     */
    public void upsert(ReactionRow row) {
        MessageKey target = row.key().target();
        ReactionRecord record = new ReactionRecord();
        record.setNetwork(target.portal().network());
        record.setChatId(target.portal().chatId());
        record.setReceiver(target.portal().receiver());
        record.setMessageId(target.messageId());
        record.setPartId(target.partId());
        record.setSenderId(row.key().senderId());
        record.setEmojiId(row.key().emojiId());
        record.setEmoji(row.emoji());
        record.setRoomId(row.roomId());
        record.setEventId(row.eventId());
        record.setSentAt(Millis.of(row.sentAt()));
        dsl.insertInto(REACTION).set(record)
                .onConflict(REACTION.NETWORK, REACTION.CHAT_ID, REACTION.RECEIVER, REACTION.MESSAGE_ID,
                        REACTION.PART_ID, REACTION.SENDER_ID, REACTION.EMOJI_ID)
                .doUpdate().set(Excluded.of(REACTION.EMOJI, REACTION.ROOM_ID, REACTION.EVENT_ID, REACTION.SENT_AT))
                .execute();
    }

    /** Reactions to the message part, oldest first; empty when none. */
    public List<ReactionRow> listForMessage(MessageKey target) {
        return dsl.selectFrom(REACTION).where(onTarget(target))
                .orderBy(REACTION.SENT_AT, REACTION.SENDER_ID, REACTION.EMOJI_ID)
                .fetch(ReactionStore::toRow);
    }

    /** One sender's reactions to the message part, oldest first (to sync a network's full reaction list). */
    public List<ReactionRow> listBySender(MessageKey target, String senderId) {
        return dsl.selectFrom(REACTION).where(onTarget(target).and(REACTION.SENDER_ID.eq(senderId)))
                .orderBy(REACTION.SENT_AT, REACTION.EMOJI_ID)
                .fetch(ReactionStore::toRow);
    }

    /** Deletes the reaction; false when it was not stored. */
    public boolean delete(ReactionKey key) {
        return dsl.deleteFrom(REACTION).where(matches(key)).execute() > 0;
    }

    private static Condition onTarget(MessageKey target) {
        PortalKey portal = target.portal();
        return REACTION.NETWORK.eq(portal.network()).and(REACTION.CHAT_ID.eq(portal.chatId()))
                .and(REACTION.RECEIVER.eq(portal.receiver())).and(REACTION.MESSAGE_ID.eq(target.messageId()))
                .and(REACTION.PART_ID.eq(target.partId()));
    }

    private static Condition matches(ReactionKey key) {
        return onTarget(key.target()).and(REACTION.SENDER_ID.eq(key.senderId()))
                .and(REACTION.EMOJI_ID.eq(key.emojiId()));
    }

    private static ReactionRow toRow(ReactionRecord r) {
        MessageKey target = new MessageKey(new PortalKey(r.getNetwork(), r.getChatId(), r.getReceiver()),
                r.getMessageId(), r.getPartId());
        return new ReactionRow(new ReactionKey(target, r.getSenderId(), r.getEmojiId()), r.getEmoji(), r.getRoomId(),
                r.getEventId(), Millis.toInstant(r.getSentAt()));
    }
}

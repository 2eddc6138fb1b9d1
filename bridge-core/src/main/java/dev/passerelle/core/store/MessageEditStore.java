package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.MESSAGE_EDIT;

import java.time.Instant;
import org.jooq.DSLContext;

/**
 * The {@code message_edit} table: which Matrix edits were sent to the network, so that one handed again after a
 * crash is not sent twice. Rows go when the edited message part goes. Every method blocks; call from virtual
 * threads.
 */
public final class MessageEditStore {

    private final DSLContext dsl;

    public MessageEditStore(Database database) {
        this.dsl = database.dsl();
    }

    /**
     * Records that the edit {@code eventId} of {@code target} was sent. The part must be stored.
     *
     * @return false when it was recorded already
     */
    public boolean record(String eventId, MessageKey target, Instant editedAt) {
        IdChecks.requireId(eventId, "eventId");
        PortalKey portal = target.portal();
        return dsl.insertInto(MESSAGE_EDIT)
                .set(MESSAGE_EDIT.EVENT_ID, eventId)
                .set(MESSAGE_EDIT.NETWORK, portal.network())
                .set(MESSAGE_EDIT.CHAT_ID, portal.chatId())
                .set(MESSAGE_EDIT.RECEIVER, portal.receiver())
                .set(MESSAGE_EDIT.MESSAGE_ID, target.messageId())
                .set(MESSAGE_EDIT.PART_ID, target.partId())
                .set(MESSAGE_EDIT.EDITED_AT, Millis.of(editedAt))
                .onConflictDoNothing()
                .execute() > 0;
    }

    /** Whether the edit {@code eventId} was sent to the network. */
    public boolean isSent(String eventId) {
        return dsl.fetchExists(MESSAGE_EDIT, MESSAGE_EDIT.EVENT_ID.eq(eventId));
    }
}

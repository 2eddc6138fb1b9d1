package dev.passerelle.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A reaction and the Matrix annotation event it became.
 *
 * @param key     target message part, sender and emoji id
 * @param emoji   the reaction as shown (an emoji, or a custom reaction's shortcode)
 * @param roomId  the Matrix room the event is in
 * @param eventId the Matrix event id; unique across all reactions
 * @param sentAt  when it was reacted (to the millisecond)
 */
public record ReactionRow(ReactionKey key, String emoji, String roomId, String eventId, Instant sentAt) {

    public ReactionRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(emoji, "emoji");
        IdChecks.requireId(roomId, "roomId");
        IdChecks.requireId(eventId, "eventId");
        sentAt = Millis.exact(sentAt);
    }
}

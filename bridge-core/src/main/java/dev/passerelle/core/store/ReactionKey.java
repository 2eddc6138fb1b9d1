package dev.passerelle.core.store;

import java.util.Objects;

/**
 * Identifies a reaction: who reacted to which message part, and which of their reactions it is.
 *
 * @param target   the message part reacted to
 * @param senderId the remote id of the reacting user
 * @param emojiId  {@code ""} on networks that allow one reaction per sender and message (a new one replaces the
 *                 old); the emoji itself on networks that allow several
 */
public record ReactionKey(MessageKey target, String senderId, String emojiId) {

    public ReactionKey {
        Objects.requireNonNull(target, "target");
        IdChecks.requireId(senderId, "senderId");
        Objects.requireNonNull(emojiId, "emojiId (use \"\" when a sender has at most one reaction per message)");
    }
}

package dev.passerelle.core.store;

import java.util.Objects;

/**
 * Identifies one bridged part of a remote message.
 *
 * @param portal    the chat the message is in
 * @param messageId the remote message id
 * @param partId    which part of the message, {@code ""} for a message bridged as one Matrix event
 */
public record MessageKey(PortalKey portal, String messageId, String partId) {

    public MessageKey {
        Objects.requireNonNull(portal, "portal");
        IdChecks.requireId(messageId, "messageId");
        Objects.requireNonNull(partId, "partId (use \"\" for a single-part message)");
    }

    /** A message bridged as a single Matrix event. */
    public static MessageKey single(PortalKey portal, String messageId) {
        return new MessageKey(portal, messageId, "");
    }
}

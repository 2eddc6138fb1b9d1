package dev.passerelle.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What happens on the network, as a connector reports it to the {@link RemoteEventSink}. Handled by an exhaustive
 * {@code switch}. Events of a chat are {@link PortalEvent}s and go through that portal's ordered queue; handling the
 * same event twice (after a reconnect, in catch-up) sends nothing twice to Matrix, because the engine keys what it
 * bridges by the remote ids.
 */
public sealed interface RemoteEvent {

    /** An event in one chat. */
    sealed interface PortalEvent extends RemoteEvent {
        PortalRef portal();

        Instant timestamp();
    }

    /**
     * A new message.
     *
     * @param messageId its remote id, unique within the chat
     * @param parts     one or more parts, each bridged as one Matrix event
     * @param replyTo   the remote id of the message it answers, if any
     * @param threadRoot the remote id of the thread it belongs to, if any
     */
    record Message(PortalRef portal, Sender sender, String messageId, Instant timestamp, List<MessagePart> parts,
                   Optional<String> replyTo, Optional<String> threadRoot) implements PortalEvent {
    }

    /** A message was edited: part {@code partId} of {@code messageId} now holds {@code newContent}. */
    record Edit(PortalRef portal, Sender sender, String messageId, String partId, Instant timestamp,
                MessageContent newContent) implements PortalEvent {
    }

    /** A reaction was added to a message. */
    record Reaction(PortalRef portal, Sender sender, String messageId, String emoji, Instant timestamp)
            implements PortalEvent {
    }

    /** A reaction was taken back. */
    record ReactionRemoved(PortalRef portal, Sender sender, String messageId, String emoji, Instant timestamp)
            implements PortalEvent {
    }

    /** A message was deleted for everyone. */
    record MessageDeleted(PortalRef portal, Sender sender, String messageId, Instant timestamp) implements PortalEvent {
    }

    /** {@code sender} has read the chat up to {@code messageId}. */
    record ReadReceipt(PortalRef portal, Sender sender, String messageId, Instant timestamp) implements PortalEvent {
    }

    /** {@code sender} started or stopped typing; a start lasts {@code timeout} unless renewed. */
    record Typing(PortalRef portal, Sender sender, boolean typing, Duration timeout, Instant timestamp)
            implements PortalEvent {
    }

    /** The chat's name, topic, picture or members changed; {@code info} is the whole new state. */
    record ChatInfoChanged(PortalRef portal, ChatInfo info, Instant timestamp) implements PortalEvent {
    }

    /** The chat is gone on the network (deleted, or the account left it). */
    record ChatDeleted(PortalRef portal, Instant timestamp) implements PortalEvent {
    }

    /** A network user's profile changed; their ghost follows. */
    record UserInfoChanged(String remoteUserId, UserInfo info, Instant timestamp) implements RemoteEvent {
    }

    /**
     * The login's health changed. The engine tells the user in the management room once per change (not on every
     * reconnect attempt).
     *
     * @param message what happened and what to do, for the user
     */
    record LoginStateChanged(LoginState state, String message, Instant timestamp) implements RemoteEvent {
    }
}

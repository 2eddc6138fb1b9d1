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

    /**
     * A reaction was taken back.
     *
     * @param emoji which one; empty when the network does not say (WhatsApp, Messenger: a user has one reaction per
     *              message there), and then every reaction of {@code sender} on the message is removed
     */
    record ReactionRemoved(PortalRef portal, Sender sender, String messageId, Optional<String> emoji,
                           Instant timestamp) implements PortalEvent {

        public ReactionRemoved(PortalRef portal, Sender sender, String messageId, String emoji, Instant timestamp) {
            this(portal, sender, messageId, Optional.of(emoji), timestamp);
        }
    }

    /**
     * Someone voted in a poll (MSC3381 response in Matrix). A new vote of the same sender replaces the previous one;
     * an empty {@code optionIds} takes the vote back.
     *
     * @param pollMessageId the remote id of the poll's message
     * @param optionIds     the chosen {@link MessageContent.PollOption#id()}s
     */
    record PollVote(PortalRef portal, Sender sender, String pollMessageId, List<String> optionIds, Instant timestamp)
            implements PortalEvent {

        public PollVote {
            optionIds = List.copyOf(optionIds);
        }
    }

    /**
     * The chat now lives under another id (a Telegram group upgraded to a supergroup). The portal keeps its room and
     * history and follows the new id; events of {@code newChatId} go to it from now on. Without a portal for the old
     * id, nothing happens.
     */
    record PortalMoved(PortalRef portal, String newChatId, Instant timestamp) implements PortalEvent {
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

    /**
     * A network user came online or went away; their ghost's Matrix presence follows.
     *
     * @param lastSeen when they were last active, when the network says
     */
    record Presence(String remoteUserId, boolean online, Optional<Instant> lastSeen, Instant timestamp)
            implements RemoteEvent {
    }

    /**
     * Something the login's owner should know that belongs to no portal (for example "a secret chat was opened; it
     * cannot be bridged"). Shown in their management room.
     */
    record UserNotice(String message, Instant timestamp) implements RemoteEvent {
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

package dev.passerelle.core.spi;

import java.util.Optional;

/**
 * One logged-in account on a network. Built by {@link NetworkConnector#loadClient}; the engine calls
 * {@link #connect()} and then hands it Matrix events of the portals the account is in. Calls block; the engine
 * makes them on virtual threads, one portal's calls in order.
 *
 * <p>Optional abilities are the nested interfaces; a client implements those its network supports.
 */
public interface NetworkClient extends AutoCloseable {

    /** Starts receiving; returns once the attempt is under way. The outcome arrives as {@link RemoteEvent.LoginStateChanged}. */
    void connect();

    /** Stops receiving; the session stays valid. */
    void disconnect();

    /** Whether the session is still authorised (false after the network revoked it). */
    boolean isLoggedIn();

    /** Ends the session on the network (the device is removed) and forgets local state. */
    void logout();

    /**
     * Sends a message from Matrix. Idempotence is the engine's: it calls this once per Matrix event.
     *
     * @throws NetworkException when the network refused or could not be reached; its message is shown to the user
     */
    SentMessage sendMessage(OutgoingMessage message) throws NetworkException;

    /** The current facts of a chat (name, members...), for creating or refreshing its portal. */
    ChatInfo chatInfo(String chatId) throws NetworkException;

    /** The current profile of a network user, for their ghost. */
    UserInfo userInfo(String remoteUserId) throws NetworkException;

    @Override
    default void close() {
        disconnect();
    }

    /** Edits of bridged messages. */
    interface EditHandling {
        void sendEdit(OutgoingEdit edit) throws NetworkException;
    }

    /** Reactions and their removal. */
    interface ReactionHandling {
        /** @return the remote id of the reaction, when the network gives one */
        Optional<String> sendReaction(OutgoingReaction reaction) throws NetworkException;

        void removeReaction(OutgoingReaction reaction) throws NetworkException;
    }

    /** Deleting a bridged message for everyone (a Matrix redaction). */
    interface DeleteHandling {
        void deleteMessage(MessageTarget target) throws NetworkException;
    }

    /** Read receipts from Matrix. */
    interface ReadReceiptHandling {
        void markRead(MessageTarget upTo) throws NetworkException;
    }

    /** Typing notifications from Matrix. */
    interface TypingHandling {
        void setTyping(String chatId, boolean typing) throws NetworkException;
    }

    /**
     * The network has threads (Telegram forum topics): a Matrix thread message arrives with
     * {@link OutgoingMessage#threadRoot()} and without the reply Matrix adds only as a fallback for clients without
     * threads. A client without this ability gets that fallback as {@link OutgoingMessage#replyTo()}, so that the
     * message still answers the one before it in the thread instead of standing alone.
     */
    interface ThreadSending {
    }

    /** Votes in polls from Matrix (MSC3381 responses). An empty {@code optionIds} takes the vote back. */
    interface PollVoting {
        void vote(MessageTarget poll, java.util.List<String> optionIds) throws NetworkException;
    }

    /**
     * Matrix invites and kicks of ghosts in a portal, done on the network by the acting user's login (the network
     * refuses when that user is not allowed to; the refusal is shown in the room).
     */
    interface MembershipHandling {
        void invite(String chatId, String remoteUserId) throws NetworkException;

        /** @param reason the Matrix reason, empty when none */
        void kick(String chatId, String remoteUserId, String reason) throws NetworkException;
    }

    /** Finding a user by phone number or username, to start a DM ({@code start-chat}). */
    interface IdentifierResolving {
        /** @return the user and the chat id of a DM with them (created when {@code createChat}), or empty */
        Optional<ResolvedIdentifier> resolveIdentifier(String identifier, boolean createChat) throws NetworkException;
    }

    /** A bridged message to fetch history after: its id, and its time in case it was deleted since. */
    record HistoryPoint(String messageId, java.time.Instant time) {
    }

    /** History, for backfill on portal creation and catch-up after a reconnect. */
    interface HistoryFetching {
        /**
         * Messages of a chat, oldest first: those after {@code after} (catch-up), or the latest {@code limit} when
         * {@code after} is empty (backfill). When the {@code after} message no longer exists on the network (it was
         * deleted), answer with the messages after its timestamp {@code afterTime} instead of failing.
         */
        java.util.List<RemoteEvent.Message> fetchMessages(String chatId, Optional<HistoryPoint> after, int limit)
                throws NetworkException;
    }
}

package dev.passerelle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.spi.GhostUserIds;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.OutgoingEdit;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.ResolvedIdentifier;
import dev.passerelle.telegram.format.GhostMentions;
import dev.passerelle.telegram.format.TelegramFormat;
import dev.passerelle.telegram.msgconv.FromMatrix;
import dev.passerelle.telegram.msgconv.ToMatrix;
import java.util.List;
import java.util.Optional;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.core.spi.UserInfo;
import dev.passerelle.telegram.td.TdException;
import dev.passerelle.telegram.td.TdReceiveLoop;
import dev.passerelle.telegram.td.api.AuthRequest;
import dev.passerelle.telegram.td.api.AuthorizationState;
import dev.passerelle.telegram.td.api.TdObject;
import dev.passerelle.telegram.td.api.TdRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in Telegram account: a TDLib client on the login's database. Its authorization states become the
 * login's health ({@code authorizationStateReady} connected; a session that TDLib finds gone — logged out
 * elsewhere, {@code AUTH_KEY_UNREGISTERED} — bad credentials); its other updates go to {@link RemoteEvents}.
 */
final class TelegramClient implements NetworkClient, NetworkClient.EditHandling, NetworkClient.ReactionHandling,
        NetworkClient.DeleteHandling, NetworkClient.ReadReceiptHandling, NetworkClient.TypingHandling,
        NetworkClient.HistoryFetching, NetworkClient.IdentifierResolving, NetworkClient.PollVoting,
        NetworkClient.ThreadSending {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramClient.class);

    private final TdReceiveLoop loop;
    private final TelegramConfig config;
    private final TdDatabase database;
    private final String loginId;
    private final RemoteEventSink sink;
    private final Directory directory;
    private final ChatInfoFetcher chats;
    private final RemoteEventHandler events;
    private final MatrixHandler matrix;
    private final Backfill backfill;
    private final IdentifierResolver resolver;
    private volatile TdInstance td;
    private volatile boolean loggedIn = true;
    private volatile boolean closing;

    TelegramClient(TdReceiveLoop loop, TelegramConfig config, TdDatabase database, String loginId,
                   RemoteEventSink sink, GhostUserIds ghosts, ConnectorStore store) {
        this.loop = loop;
        this.config = config;
        this.database = database;
        this.loginId = loginId;
        this.sink = sink;
        Requests requests = this::call;
        TelegramFiles files = new TelegramFiles(requests);
        TelegramFormat format = new TelegramFormat(new GhostMentions(TelegramConnector.GHOST_PREFIX, ghosts,
                new Usernames(requests)));
        OutgoingMessages outgoing = new OutgoingMessages();
        this.directory = new Directory(requests);
        this.chats = new ChatInfoFetcher(requests, files, loginId);
        ToMatrix toMatrix = new ToMatrix(format, files::source, this::nameOf);
        MessageIds ids = new MessageIds(store, loginId);
        PollVotes polls = new PollVotes(loginId);
        this.events = new RemoteEventHandler(loginId, sink, directory, toMatrix, chats, outgoing, ids, polls,
                new SecretChatNotices(store, loginId, sink));
        this.matrix = new MatrixHandler(requests, new FromMatrix(format, database.directory().resolve("uploads")),
                outgoing, ids, polls, directory);
        this.backfill = new Backfill(requests, directory, events, ids);
        this.resolver = new IdentifierResolver(requests, directory, files);
    }

    String loginId() {
        return loginId;
    }

    /** The id of the TDLib database this client opens. */
    String databaseId() {
        return database.id();
    }

    @Override
    public synchronized void connect() {
        if (td != null || !loggedIn) {
            return;
        }
        closing = false;
        sink.emit(new RemoteEvent.LoginStateChanged(LoginState.CONNECTING, "Connecting to Telegram", Instant.now()));
        try {
            td = TdInstance.start(loop, database, config, "account-" + loginId, events::onUpdate);
        } catch (TdException e) {
            sink.emit(new RemoteEvent.LoginStateChanged(LoginState.UNKNOWN_ERROR, "TDLib could not start ("
                    + e.tdMessage() + "); the bridge tries again when it restarts.", Instant.now()));
            return;
        }
        TdInstance started = td;
        Thread.ofVirtual().name("telegram-auth-" + loginId).start(() -> followStates(started));
    }

    /** Follows the account's authorization states for as long as the client runs. */
    private void followStates(TdInstance instance) {
        while (true) {
            AuthorizationState state = instance.nextState(Duration.ofMinutes(10)).orElse(null);
            if (state == null) {
                if (instance.state() instanceof AuthorizationState.Closed) {
                    return;
                }
                continue;
            }
            switch (state) {
                case AuthorizationState.Ready r -> {
                    sink.emit(new RemoteEvent.LoginStateChanged(LoginState.CONNECTED, "Connected to Telegram",
                            Instant.now()));
                }
                case AuthorizationState.Closed c -> {
                    return;
                }
                case AuthorizationState.Closing c -> {
                }
                case AuthorizationState.LoggingOut l -> {
                    if (!closing) {
                        sessionLost();
                    }
                }
                default -> {
                    // asking for a phone number (or any login step) on a stored login: the session is gone
                    if (!closing) {
                        sessionLost();
                        instance.close();
                    }
                }
            }
        }
    }

    private void sessionLost() {
        if (!loggedIn) {
            return;
        }
        loggedIn = false;
        LOG.info("Telegram login {}: the session is no longer valid", loginId);
        sink.emit(new RemoteEvent.LoginStateChanged(LoginState.BAD_CREDENTIALS, "Telegram no longer accepts this"
                + " session (it was logged out from another device, or terminated). Log in again with `login`.",
                Instant.now()));
    }

    @Override
    public synchronized void disconnect() {
        TdInstance running = td;
        td = null;
        if (running != null) {
            closing = true;
            running.close();
        }
    }

    @Override
    public boolean isLoggedIn() {
        return loggedIn;
    }

    @Override
    public synchronized void logout() {
        TdInstance running = td;
        closing = true;
        try {
            if (running == null && loggedIn) {
                running = TdInstance.start(loop, database, config, "logout-" + loginId, u -> { });
            }
            if (running != null) {
                try {
                    running.call(new AuthRequest.LogOut());
                } catch (TdException e) {
                    LOG.warn("Telegram login {}: logOut answered {}", loginId, e.getMessage());
                }
                running.awaitClosed();
                running.close();
            }
        } catch (TdException e) {
            LOG.warn("Telegram login {}: could not start TDLib to log out: {}", loginId, e.getMessage());
        } finally {
            td = null;
            loggedIn = false;
            try {
                database.delete();
            } catch (IOException e) {
                LOG.warn("Telegram login {}: could not delete {}: {}", loginId, database, e.toString());
            }
        }
    }

    @Override
    public SentMessage sendMessage(OutgoingMessage message) throws NetworkException {
        return matrix.send(message);
    }

    @Override
    public void sendEdit(OutgoingEdit edit) throws NetworkException {
        matrix.edit(edit);
    }

    @Override
    public Optional<String> sendReaction(OutgoingReaction reaction) throws NetworkException {
        matrix.react(reaction);
        return Optional.empty();
    }

    @Override
    public void removeReaction(OutgoingReaction reaction) throws NetworkException {
        matrix.unreact(reaction);
    }

    @Override
    public void deleteMessage(MessageTarget target) throws NetworkException {
        matrix.delete(target);
    }

    @Override
    public void vote(MessageTarget poll, List<String> optionIds) throws NetworkException {
        matrix.vote(poll, optionIds);
    }

    @Override
    public void markRead(MessageTarget upTo) throws NetworkException {
        matrix.markRead(upTo);
    }

    @Override
    public void setTyping(String chatId, boolean typing) throws NetworkException {
        matrix.typing(chatId, typing);
    }

    @Override
    public ChatInfo chatInfo(String chatId) throws NetworkException {
        return chats.chatInfo(directory.chat(TelegramIds.chatId(chatId)));
    }

    @Override
    public UserInfo userInfo(String remoteUserId) throws NetworkException {
        return UserInfoFetcher.info(directory.user(TelegramIds.number(remoteUserId, "user")), chats.files());
    }

    @Override
    public List<RemoteEvent.Message> fetchMessages(String chatId, Optional<HistoryPoint> after, int limit)
            throws NetworkException {
        return backfill.fetch(chatId, after, limit);
    }

    @Override
    public Optional<ResolvedIdentifier> resolveIdentifier(String identifier, boolean createChat)
            throws NetworkException {
        return resolver.resolve(identifier, createChat);
    }

    private String nameOf(long userId) {
        try {
            return UserInfoFetcher.info(directory.user(userId), chats.files()).name().orElse("someone");
        } catch (NetworkException e) {
            return "someone";
        }
    }

    /** A request on the running client; a lost session turns into bad credentials. */
    <R extends TdObject> R call(TdRequest<R> request) throws NetworkException {
        TdInstance running = td;
        if (running == null) {
            throw new NetworkException("Not connected to Telegram", true);
        }
        try {
            return running.call(request);
        } catch (TdException e) {
            if (e.code() == 401 || e.is("AUTH_KEY_UNREGISTERED") || e.is("SESSION_REVOKED")) {
                sessionLost();
                throw new NetworkException("Telegram no longer accepts this session; log in again.", false, e);
            }
            boolean transientFailure = e.floodWaitSeconds().isPresent() || e.code() >= 500 || e.code() == 408;
            throw new NetworkException("Telegram refused: " + e.tdMessage(), transientFailure, e);
        }
    }
}

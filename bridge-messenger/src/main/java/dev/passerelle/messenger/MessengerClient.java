package dev.passerelle.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.core.spi.SharedLogin;
import dev.passerelle.core.spi.UserInfo;
import dev.passerelle.messenger.MessengerConfig.PageConfig;
import dev.passerelle.messenger.graph.GraphException;
import dev.passerelle.messenger.graph.PageApi;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Page's login: receives the Page's webhook events (through the connector) and answers with the Send API. Shared
 * with every Matrix user the config allows for the Page ({@link SharedLogin}). Connecting checks the token with
 * {@code GET /me}; a token Meta refuses (#190) makes the login "bad credentials" with where to get a new one.
 */
final class MessengerClient implements NetworkClient, NetworkClient.ReactionHandling,
        NetworkClient.ReadReceiptHandling, NetworkClient.TypingHandling, SharedLogin {

    private static final Logger LOG = LoggerFactory.getLogger(MessengerClient.class);
    private static final List<Duration> RECONNECT = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(2));

    private final PageConfig pageConfig;
    private final PageApi page;
    private final RemoteEventSink sink;
    private final MatrixHandler matrix;
    private final UserInfoFetcher users;
    private final RemoteEventHandler remote;
    private final PageClients registry;
    private final Clock clock;
    private volatile boolean loggedIn = true;
    private volatile boolean connected;
    private volatile Thread connecting;

    MessengerClient(PageConfig pageConfig, PageApi page, RemoteEventSink sink, MatrixHandler.Factory handlers,
                    RemoteEventHandler remote, PageClients registry, Clock clock) {
        this.pageConfig = pageConfig;
        this.page = page;
        this.sink = sink;
        this.matrix = handlers.create(page, this::tokenRejected);
        this.users = new UserInfoFetcher(page);
        this.remote = remote;
        this.registry = registry;
        this.clock = clock;
    }

    String pageId() {
        return page.pageId();
    }

    @Override
    public void connect() {
        registry.register(this);
        connected = true;
        connecting = Thread.ofVirtual().name("messenger connect " + pageId()).start(this::checkToken);
    }

    private void checkToken() {
        sink.emit(new RemoteEvent.LoginStateChanged(LoginState.CONNECTING, "Checking the Page's access token",
                clock.instant()));
        for (int attempt = 0; connected; attempt++) {
            try {
                String name = page.me().path("name").asText(pageId());
                sink.emit(new RemoteEvent.LoginStateChanged(LoginState.CONNECTED, "Answering the Messenger inbox of "
                        + name, clock.instant()));
                return;
            } catch (GraphException e) {
                if (e.isInvalidToken()) {
                    tokenRejected(e);
                    return;
                }
                if (!e.isTransient()) {
                    sink.emit(new RemoteEvent.LoginStateChanged(LoginState.UNKNOWN_ERROR, "Messenger refused the "
                            + "Page's token check (#" + e.code() + "): " + e.getMessage(), clock.instant()));
                    return;
                }
                waitBeforeRetry(attempt, "#" + e.code() + " " + e.getMessage());
            } catch (IOException e) {
                waitBeforeRetry(attempt, e.getMessage());
            }
        }
    }

    private void waitBeforeRetry(int attempt, String why) {
        sink.emit(new RemoteEvent.LoginStateChanged(LoginState.TRANSIENT_DISCONNECT, "Messenger cannot be reached ("
                + why + "); trying again", clock.instant()));
        try {
            Thread.sleep(RECONNECT.get(Math.min(attempt, RECONNECT.size() - 1)));
        } catch (InterruptedException e) {
            connected = false;
        }
    }

    private void tokenRejected(GraphException e) {
        if (!loggedIn) {
            return;
        }
        loggedIn = false;
        LOG.warn("Page {}: Messenger refused the access token (#{} / {})", pageId(), e.code(), e.subcode());
        sink.emit(new RemoteEvent.LoginStateChanged(LoginState.BAD_CREDENTIALS, "Messenger no longer accepts the "
                + "access token of the Page " + pageId() + " (it expired or was revoked): " + e.getMessage() + ". "
                + SendErrors.NEW_TOKEN_HELP, clock.instant()));
    }

    @Override
    public void disconnect() {
        connected = false;
        registry.unregister(this);
        Thread t = connecting;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isLoggedIn() {
        return loggedIn;
    }

    @Override
    public void logout() {
        // A Page access token cannot be revoked through the Send API; forgetting it here is the logout.
        disconnect();
    }

    /** Bridges what a webhook delivery says happened in this Page's inbox; returns once the engine handled it. */
    void deliver(JsonNode messagingItems) throws InterruptedException {
        List<RemoteEvent> events = new ArrayList<>();
        for (JsonNode item : messagingItems) {
            events.addAll(remote.events(item));
        }
        if (!events.isEmpty()) {
            sink.emitAndWait(events);
        }
    }

    @Override
    public SentMessage sendMessage(OutgoingMessage message) throws NetworkException {
        return matrix.send(message);
    }

    @Override
    public ChatInfo chatInfo(String chatId) {
        return new ChatInfo(ChatInfo.ChatKind.DM, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(new ChatInfo.ChatMember(chatId, ChatInfo.Role.MEMBER)), Optional.of(chatId));
    }

    /** Never fails: with the token refused the login turns "bad credentials" and the ghost stays unnamed. */
    @Override
    public UserInfo userInfo(String remoteUserId) {
        try {
            return users.fetch(remoteUserId);
        } catch (GraphException e) {
            tokenRejected(e);
            return new UserInfo(Optional.empty(), Optional.empty(), false);
        }
    }

    @Override
    public Optional<String> sendReaction(OutgoingReaction reaction) throws NetworkException {
        matrix.react(reaction, true);
        return Optional.empty();
    }

    @Override
    public void removeReaction(OutgoingReaction reaction) throws NetworkException {
        matrix.react(reaction, false);
    }

    @Override
    public void markRead(MessageTarget upTo) throws NetworkException {
        matrix.senderAction(upTo.chatId(), "mark_seen");
    }

    @Override
    public void setTyping(String chatId, boolean typing) throws NetworkException {
        matrix.senderAction(chatId, typing ? "typing_on" : "typing_off");
    }

    @Override
    public Set<String> sharedWith() {
        return pageConfig.namedUsers();
    }

    @Override
    public boolean isSharedWith(String userId) {
        return pageConfig.allows(userId);
    }
}

package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingEdit;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.RemoteAvatar;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import dev.passerelle.core.spi.ResolvedIdentifier;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.core.spi.StoredLogin;
import dev.passerelle.core.spi.UserInfo;
import dev.passerelle.whatsapp.msgconv.FromMatrix;
import dev.passerelle.whatsapp.sidecar.SidecarEvent;
import dev.passerelle.whatsapp.sidecar.SidecarException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WhatsApp login: its session in the sidecar (session id = login id), what it hears turned into remote events,
 * and what Matrix sends turned into sidecar requests.
 */
final class WhatsAppClient implements NetworkClient, NetworkClient.EditHandling, NetworkClient.ReactionHandling,
        NetworkClient.DeleteHandling, NetworkClient.ReadReceiptHandling, NetworkClient.TypingHandling,
        NetworkClient.IdentifierResolving, NetworkClient.HistoryFetching, NetworkClient.PollVoting,
        NetworkClient.MembershipHandling, SessionRouter.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppClient.class);
    static final Duration SEND_PATIENCE = Duration.ofSeconds(20);

    private final StoredLogin login;
    private final WhatsAppServices services;
    private final RemoteEventSink sink;
    private final SidecarCalls calls;
    private final SentKeys keys;
    /** How often the senders of new messages are written to the store (one transaction each time). */
    static final Duration KEYS_FLUSH = Duration.ofSeconds(2);
    private final RemoteEventHandler handler;
    private final HistorySync history;
    private final BridgedPoints points;
    private final GroupMembership members;
    private final Object stateLock = new Object();
    private volatile boolean wanted;
    private volatile boolean loggedIn = true;
    private LoginState state = LoginState.CONNECTING;

    WhatsAppClient(StoredLogin login, WhatsAppServices services, RemoteEventSink sink) {
        this.login = login;
        this.services = services;
        this.sink = sink;
        this.keys = new SentKeys(services.store(), login.loginId());
        this.calls = new SidecarCalls(services.sidecar(), login.loginId(), SEND_PATIENCE, this::awaitConnected);
        this.handler = new RemoteEventHandler(login.loginId(), services.identities(), services.contacts(),
                raw -> services.media(login.loginId(), raw), keys, services.ghosts());
        this.members = new GroupMembership(calls);
        this.points = new BridgedPoints(services.store(), login.loginId());
        this.history = new HistorySync(login.loginId(), services, points, handler, sink, this::chatInfo);
    }

    @Override
    public void connect() {
        wanted = true;
        services.router().register(login.loginId(), this);
        Thread.ofVirtual().name("whatsapp-open-" + login.loginId()).start(this::open);
        Thread.ofVirtual().name("whatsapp-keys-" + login.loginId()).start(this::flushKeys);
    }

    private void flushKeys() {
        while (wanted) {
            try {
                Thread.sleep(KEYS_FLUSH);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            keys.flush();
            points.flush();
        }
    }

    private void open() {
        if (!wanted || !loggedIn) {
            return;
        }
        try {
            calls.once("session.open", SidecarCalls.params());
        } catch (SidecarException e) {
            // The sidecar restarts by itself and then reopens every session (reopen()).
            changeState(LoginState.TRANSIENT_DISCONNECT, "The WhatsApp connection could not be opened ("
                    + e.getMessage() + "); the bridge tries again by itself.");
        }
    }

    @Override
    public void reopen() {
        open();
    }

    @Override
    public void onEvent(SidecarEvent event) {
        JsonNode d = event.data();
        switch (event.event()) {
            case "connection" -> connection(d);
            case "qr" -> {
                // A stored login asked to show a QR code: WhatsApp no longer knows this linked device.
                loggedIn = false;
                wanted = false;
                changeState(LoginState.BAD_CREDENTIALS, "WhatsApp no longer recognises this linked device. Send "
                        + "`login` to link it again.");
                Thread.ofVirtual().start(this::closeSession);
            }
            // The new facts need a sidecar request, whose answer this reader thread must be free to read.
            case "group_changed" -> Thread.ofVirtual().name("whatsapp-group-info").start(() ->
                    groupChanged(d.path("chat").asText()));
            case "history" -> history.arrived(d);
            default -> {
                for (RemoteEvent e : handler.convert(event.event(), d)) {
                    if (e instanceof RemoteEvent.Message m) {
                        points.reached(m.portal().chatId(), m.messageId(), m.timestamp());
                    }
                    sink.emit(e);
                }
            }
        }
    }

    private void groupChanged(String chat) {
        try {
            JsonNode g = groupFacts(chat);
            if (g.path("community").asBoolean()) {
                // A community's own group holds no messages: a room for it would stay empty. Its groups (the
                // announcements group among them) are ordinary group portals.
                LOG.debug("WhatsApp community {} changed; communities get no room of their own", chat);
                return;
            }
            sink.emit(new RemoteEvent.ChatInfoChanged(dev.passerelle.core.spi.PortalRef.shared(chat),
                    groupInfo(chat, g), Instant.now()));
        } catch (NetworkException e) {
            LOG.warn("Could not read the changed WhatsApp group {}: {}", chat, e.getMessage());
        }
    }

    private void connection(JsonNode d) {
        switch (d.path("state").asText()) {
            case "connecting" -> changeState(LoginState.CONNECTING, "Connecting to WhatsApp.");
            case "open" -> changeState(LoginState.CONNECTED, "Connected to WhatsApp.");
            case "close" -> {
                String message = d.path("message").asText("connection closed");
                switch (d.path("reason").asText()) {
                    case "restart_required" -> { }
                    case "logged_out" -> loggedOut(LoginState.LOGGED_OUT, "This bridge was removed from your "
                            + "WhatsApp linked devices (logged out from the phone). Send `login` to link it again.");
                    case "replaced" -> loggedOut(LoginState.BAD_CREDENTIALS, "Another connection took over this "
                            + "WhatsApp session (connection replaced): make sure no other bridge uses it, then send "
                            + "`login` to link again.");
                    case "banned" -> loggedOut(LoginState.BAD_CREDENTIALS, "WhatsApp refused this account (403 "
                            + "forbidden): check WhatsApp on your phone; the number may be banned.");
                    case "bad_session", "multidevice_mismatch" -> loggedOut(LoginState.BAD_CREDENTIALS, "The stored "
                            + "WhatsApp session is no longer valid (" + message + "). Send `login` to link again.");
                    default -> {
                        long retry = d.path("retryInMs").asLong(0);
                        changeState(LoginState.TRANSIENT_DISCONNECT, "Lost the connection to WhatsApp (" + message
                                + "); reconnecting" + (retry > 0 ? " in " + Math.max(1, retry / 1000) + " s" : "")
                                + ".");
                    }
                }
            }
            default -> LOG.debug("Unknown connection state from the sidecar: {}", d);
        }
    }

    private void loggedOut(LoginState newState, String message) {
        loggedIn = false;
        wanted = false;
        changeState(newState, message);
    }

    private void changeState(LoginState newState, String message) {
        synchronized (stateLock) {
            if (state == newState && newState != LoginState.TRANSIENT_DISCONNECT) {
                return;
            }
            state = newState;
            stateLock.notifyAll();
        }
        sink.emit(new RemoteEvent.LoginStateChanged(newState, message, Instant.now()));
    }

    /** The current state, as last reported. */
    LoginState state() {
        synchronized (stateLock) {
            return state;
        }
    }

    boolean awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateLock) {
            while (state != LoginState.CONNECTED && loggedIn) {
                long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    stateLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return state == LoginState.CONNECTED;
        }
    }

    @Override
    public void disconnect() {
        wanted = false;
        services.router().unregister(login.loginId(), this);
        closeSession();
        keys.flush();
        points.flush();
    }

    private void closeSession() {
        try {
            calls.once("session.close", SidecarCalls.params());
        } catch (SidecarException e) {
            LOG.debug("Closing WhatsApp session {}: {}", login.loginId(), e.getMessage());
        }
    }

    @Override
    public boolean isLoggedIn() {
        return loggedIn;
    }

    @Override
    public void logout() {
        wanted = false;
        try {
            calls.once("session.logout", SidecarCalls.params());
        } catch (SidecarException e) {
            LOG.warn("WhatsApp did not confirm the logout of {} ({}); its keys are deleted anyway", login.loginId(),
                    e.getMessage());
        }
        loggedIn = false;
        services.router().unregister(login.loginId(), this);
        keys.forget();
        points.forget();
        services.authState().forget(login.loginId());
    }

    @Override
    public SentMessage sendMessage(OutgoingMessage message) throws NetworkException {
        ObjectNode params = SidecarCalls.params().put("chat", WhatsAppIds.chatJid(message.chatId()))
                .put("messageId", messageIdFor(message.eventId()));
        params.set("content", FromMatrix.convert(message.content(), WhatsAppClient::ghostJid));
        message.replyTo().ifPresent(r -> params.set("replyTo", target(r)));
        JsonNode sent = calls.call("send.message", params, "the message");
        String id = sent.path("id").asText();
        keys.remember(message.chatId(), id, true, Optional.empty());
        Instant ts = Instant.ofEpochMilli(sent.path("timestamp").asLong(System.currentTimeMillis()));
        points.reached(message.chatId(), id, ts);
        return new SentMessage(id, ts);
    }

    @Override
    public void sendEdit(OutgoingEdit edit) throws NetworkException {
        ObjectNode params = SidecarCalls.params().put("chat", WhatsAppIds.chatJid(edit.target().chatId()));
        params.set("target", target(edit.target()));
        params.putObject("content").put("kind", "text").put("text", FromMatrix.editText(edit.newContent()));
        calls.call("send.edit", params, "the edit");
    }

    @Override
    public Optional<String> sendReaction(OutgoingReaction reaction) throws NetworkException {
        JsonNode r = calls.call("send.reaction", reactionParams(reaction, reaction.emoji()), "the reaction");
        return Optional.of(r.path("id").asText("")).filter(s -> !s.isEmpty());
    }

    @Override
    public void removeReaction(OutgoingReaction reaction) throws NetworkException {
        calls.call("send.reaction", reactionParams(reaction, ""), "the reaction removal");
    }

    private ObjectNode reactionParams(OutgoingReaction reaction, String emoji) {
        ObjectNode params = SidecarCalls.params().put("chat", WhatsAppIds.chatJid(reaction.target().chatId()))
                .put("emoji", emoji);
        params.set("target", target(reaction.target()));
        return params;
    }

    @Override
    public void deleteMessage(MessageTarget target) throws NetworkException {
        ObjectNode params = SidecarCalls.params().put("chat", WhatsAppIds.chatJid(target.chatId()));
        params.set("target", target(target));
        calls.call("send.delete", params, "the deletion");
    }

    @Override
    public void markRead(MessageTarget upTo) throws NetworkException {
        ObjectNode params = SidecarCalls.params().put("chat", WhatsAppIds.chatJid(upTo.chatId()));
        params.set("target", target(upTo));
        calls.call("send.read", params, "the read receipt");
    }

    @Override
    public void setTyping(String chatId, boolean typing) throws NetworkException {
        calls.call("send.typing", SidecarCalls.params().put("chat", WhatsAppIds.chatJid(chatId))
                .put("state", typing ? "typing" : "stopped"), "the typing notice");
    }

    @Override
    public void vote(MessageTarget poll, List<String> optionIds) throws NetworkException {
        ObjectNode params = SidecarCalls.params().put("chat", WhatsAppIds.chatJid(poll.chatId()));
        params.set("target", target(poll));
        optionIds.forEach(params.putArray("options")::add);
        calls.call("send.vote", params, "the vote", e -> e.code().equals("UNKNOWN_POLL")
                ? Optional.of("This poll is older than the bridge's link to WhatsApp, so the bridge cannot vote in it: "
                + "vote on your phone.") : Optional.empty());
    }

    @Override
    public void invite(String chatId, String remoteUserId) throws NetworkException {
        members.add(chatId, remoteUserId);
    }

    @Override
    public void kick(String chatId, String remoteUserId, String reason) throws NetworkException {
        // WhatsApp keeps no reason for a removal.
        members.remove(chatId, remoteUserId);
    }

    private ObjectNode target(MessageTarget t) {
        SentKeys.Key key = keys.of(t.chatId(), t.messageId());
        ObjectNode target = SidecarCalls.params().put("id", t.messageId()).put("fromMe", key.fromMe());
        key.participant().ifPresent(p -> target.put("participant", p));
        return target;
    }

    @Override
    public List<RemoteEvent.Message> fetchMessages(String chatId, Optional<HistoryPoint> after, int limit) {
        return history.fetch(chatId, after, limit);
    }

    @Override
    public ChatInfo chatInfo(String chatId) throws NetworkException {
        if (!WhatsAppIds.isGroup(chatId)) {
            return new ChatInfo(ChatInfo.ChatKind.DM, Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(new ChatInfo.ChatMember(login.loginId(), ChatInfo.Role.MEMBER),
                            new ChatInfo.ChatMember(chatId, ChatInfo.Role.MEMBER)),
                    Optional.of(chatId));
        }
        return groupInfo(chatId, groupFacts(chatId));
    }

    private JsonNode groupFacts(String chatId) throws NetworkException {
        return calls.call("chat.info", SidecarCalls.params().put("chat", chatId), "the group lookup");
    }

    private ChatInfo groupInfo(String chatId, JsonNode g) {
        List<ChatInfo.ChatMember> members = new ArrayList<>();
        for (JsonNode p : g.path("participants")) {
            String alt = p.path("pn").asText(p.path("lid").asText(""));
            String id = services.identities().resolve(p.path("id").asText(),
                    alt.isEmpty() ? Optional.empty() : Optional.of(alt));
            ChatInfo.Role role = switch (p.path("role").asText()) {
                case "owner" -> ChatInfo.Role.OWNER;
                case "admin" -> ChatInfo.Role.ADMIN;
                default -> ChatInfo.Role.MEMBER;
            };
            members.add(new ChatInfo.ChatMember(id, role));
        }
        String topic = g.path("topic").asText("");
        // The picture's id stays while the picture does, so the engine downloads each picture once.
        Optional<RemoteAvatar> avatar = g.path("picture").path("id").asText("").isEmpty() ? Optional.empty()
                : Optional.of(new RemoteAvatar(g.path("picture").path("id").asText(),
                        services.picture(login.loginId(), g.path("picture").path("url").asText())));
        return new ChatInfo(ChatInfo.ChatKind.GROUP, Optional.of(g.path("name").asText(chatId)),
                topic.isEmpty() ? Optional.empty() : Optional.of(topic), avatar, members, Optional.empty());
    }

    @Override
    public UserInfo userInfo(String remoteUserId) {
        Optional<String> name = services.contacts().nameOf(remoteUserId).or(() -> WhatsAppIds.phoneOf(remoteUserId));
        return new UserInfo(name, Optional.empty(), false);
    }

    @Override
    public Optional<ResolvedIdentifier> resolveIdentifier(String identifier, boolean createChat)
            throws NetworkException {
        Optional<String> digits = WhatsAppIds.phoneDigits(identifier);
        if (digits.isEmpty()) {
            throw new NetworkException("'" + identifier + "' is not a phone number; give it with its country code, "
                    + "e.g. +33612345678", false);
        }
        JsonNode found = calls.call("user.check", SidecarCalls.params().put("phone", digits.get()),
                "the phone number lookup");
        if (!found.path("exists").asBoolean()) {
            return Optional.empty();
        }
        String lid = found.path("lid").asText("");
        String id = services.identities().resolve(found.path("id").asText(),
                lid.isEmpty() ? Optional.empty() : Optional.of(lid));
        return Optional.of(new ResolvedIdentifier(id, userInfo(id), Optional.of(id)));
    }

    /** The WhatsApp JID of one of our ghosts ({@code @whatsapp_<remote id>:<server>}); empty for anyone else. */
    static Optional<String> ghostJid(String mxid) {
        String head = "@" + WhatsAppConnector.GHOST_PREFIX;
        int colon = mxid.indexOf(':');
        if (!mxid.startsWith(head) || colon < 0) {
            return Optional.empty();
        }
        String remoteId = mxid.substring(head.length(), colon);
        return remoteId.matches("(lid-)?[0-9]{5,20}") ? Optional.of(WhatsAppIds.jidOf(remoteId)) : Optional.empty();
    }

    /**
     * WhatsApp's id for a message sent from a Matrix event, the same on every attempt: a send repeated after the
     * sidecar died mid-send is the same message for WhatsApp, not a second one. Shaped like WhatsApp Web's ids.
     */
    static String messageIdFor(String eventId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
            return "3EB0" + HexFormat.of().withUpperCase().formatHex(hash, 0, 9);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}

package dev.passerelle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import dev.passerelle.core.spi.Sender;
import dev.passerelle.telegram.msgconv.ToMatrix;
import dev.passerelle.telegram.td.api.Chat;
import dev.passerelle.telegram.td.api.ChatAction;
import dev.passerelle.telegram.td.api.ChatType;
import dev.passerelle.telegram.td.api.ConnectionState;
import dev.passerelle.telegram.td.api.Message;
import dev.passerelle.telegram.td.api.MessageContent;
import dev.passerelle.telegram.td.api.MessageInteractionInfo;
import dev.passerelle.telegram.td.api.MessageReaction;
import dev.passerelle.telegram.td.api.MessageReplyTo;
import dev.passerelle.telegram.td.api.MessageRequest;
import dev.passerelle.telegram.td.api.MessageSender;
import dev.passerelle.telegram.td.api.MessageTopic;
import dev.passerelle.telegram.td.api.TdPoll;
import dev.passerelle.telegram.td.api.UserStatus;
import java.util.List;
import dev.passerelle.telegram.td.api.ReactionType;
import dev.passerelle.telegram.td.api.TdCodec;
import dev.passerelle.telegram.td.api.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TDLib updates of one account → {@link RemoteEvent}s. Runs on the account's update thread, in TDLib's order.
 * Messages still being sent (a temporary id) are left to {@link MatrixHandler}, which waits for their final id.
 */
final class RemoteEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteEventHandler.class);
    /** Telegram repeats a chat action every 5 s while it lasts, and drops it after 6 s without one. */
    private static final Duration TYPING_TIMEOUT = Duration.ofSeconds(6);
    private static final long SUPERGROUP_ZERO = -1_000_000_000_000L;
    private static final int GENERAL_TOPIC = 1;

    private final String loginId;
    private final RemoteEventSink sink;
    private final Directory directory;
    private final ToMatrix toMatrix;
    private final ChatInfoFetcher chatInfo;
    private final OutgoingMessages outgoing;
    private final MessageIds ids;
    private final PollVotes polls;
    private final SecretChatNotices secretChats;
    /** Basic groups whose move to their supergroup was announced already (both upgrade messages say it). */
    private final Set<Long> upgraded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Per message, the reactions last seen (user + emoji), to turn TDLib's totals into added and removed; the
     * messages reacted to most recently only, so that a long-running client does not grow without end.
     */
    private final Map<String, Set<String>> reactions = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                    return size() > 10_000;
                }
            });
    private volatile boolean wasReady;
    private volatile boolean disconnected;

    RemoteEventHandler(String loginId, RemoteEventSink sink, Directory directory, ToMatrix toMatrix,
                       ChatInfoFetcher chatInfo, OutgoingMessages outgoing, MessageIds ids, PollVotes polls,
                       SecretChatNotices secretChats) {
        this.loginId = loginId;
        this.sink = sink;
        this.directory = directory;
        this.toMatrix = toMatrix;
        this.chatInfo = chatInfo;
        this.outgoing = outgoing;
        this.ids = ids;
        this.polls = polls;
        this.secretChats = secretChats;
    }

    void onUpdate(JsonNode node) {
        String type = node.path("@type").asText();
        if (!TdCodec.knows(type)) {
            return;
        }
        Update update = TdCodec.read(node, Update.class);
        if (update == null) {
            return;
        }
        try {
            handle(update);
        } catch (NetworkException e) {
            LOG.warn("Telegram login {}: could not bridge {}: {}", loginId, type, e.getMessage());
        }
    }

    private void handle(Update update) throws NetworkException {
        switch (update) {
            case Update.NewChat c -> {
                directory.put(c.chat());
                if (c.chat().type() instanceof ChatType.Secret) {
                    secretChats.seen(c.chat().id(), c.chat().title());
                }
            }
            case Update.UserChanged u -> {
                directory.put(u.user());
                sink.emit(new RemoteEvent.UserInfoChanged(Long.toString(u.user().id()),
                        UserInfoFetcher.info(u.user(), chatInfo.files()), Instant.now()));
            }
            case Update.ChatTitle t -> {
                directory.retitle(t.chatId(), t.title());
                Chat chat = directory.chat(t.chatId());
                if (!(chat.type() instanceof ChatType.Private)) {
                    sink.emit(new RemoteEvent.ChatInfoChanged(portal(chat), chatInfo.chatInfo(chat), Instant.now()));
                }
            }
            case Update.ChatPhoto p -> {
                directory.rephoto(p.chatId(), p.photo());
                Chat chat = directory.chat(p.chatId());
                if (!(chat.type() instanceof ChatType.Private)) {
                    sink.emit(new RemoteEvent.ChatInfoChanged(portal(chat), chatInfo.chatInfo(chat), Instant.now()));
                }
            }
            case Update.NewMessage m -> {
                if (m.message().sendingState() == null) {
                    newMessage(m.message());
                }
            }
            case Update.MessageSendSucceeded s -> outgoing.succeeded(s.oldMessageId(), s.message());
            case Update.MessageSendFailed f -> outgoing.failed(f.oldMessageId(), f.error());
            case Update.MessageContentChanged c -> edited(c);
            case Update.DeleteMessages d -> {
                // from_cache: TDLib only forgot them locally; not permanent: temporary messages replaced
                if (d.isPermanent() && !d.fromCache()) {
                    PortalRef portal = portal(directory.chat(d.chatId()));
                    for (long id : d.messageIds()) {
                        sink.emit(new RemoteEvent.MessageDeleted(portal, new Sender(loginId, true),
                                ids.bridged(d.chatId(), id), Instant.now()));
                    }
                }
            }
            case Update.MessageInteractionInfoChanged i -> reactionsChanged(i.chatId(), i.messageId(),
                    i.interactionInfo());
            case Update.ChatReadOutbox r -> {
                Chat chat = directory.chat(r.chatId());
                if (chat.type() instanceof ChatType.Private p) {
                    sink.emit(new RemoteEvent.ReadReceipt(portal(chat), new Sender(Long.toString(p.userId()), false),
                            Long.toString(r.lastReadOutboxMessageId()), Instant.now()));
                }
            }
            case Update.ChatActionChanged a -> {
                if (a.senderId() instanceof MessageSender.User u && a.action() != null) {
                    sink.emit(new RemoteEvent.Typing(portal(directory.chat(a.chatId())),
                            new Sender(Long.toString(u.userId()), Long.toString(u.userId()).equals(loginId)),
                            a.action() instanceof ChatAction.Typing, TYPING_TIMEOUT, Instant.now()));
                }
            }
            case Update.ConnectionStateChanged c -> connection(c.state());
            case Update.UserStatusChanged s -> presence(s.userId(), s.status());
            case Update.PollChanged p -> {
                var message = polls.message(p.poll().id());
                if (message.isPresent()) {
                    pollChanged(message.get()[0], message.get()[1], p.poll());
                }
            }
            case Update.PollAnswer a -> {
                var message = polls.message(a.pollId());
                if (message.isPresent() && a.voterId() instanceof MessageSender.User u) {
                    long chatId = message.get()[0];
                    sink.emit(new RemoteEvent.PollVote(portal(directory.chat(chatId)),
                            new Sender(Long.toString(u.userId()), false), ids.bridged(chatId, message.get()[1]),
                            a.optionPositions().stream().map(String::valueOf).toList(), Instant.now()));
                }
            }
            case Update.AuthorizationStateChanged a -> {
            }
            case Update.OptionChanged o -> {
            }
        }
    }

    private void newMessage(Message message) throws NetworkException {
        Chat chat = directory.chat(message.chatId());
        if (chat.type() instanceof ChatType.Secret) {
            secretChats.seen(chat.id(), chat.title());
            return;
        }
        if (message.content() instanceof MessageContent.ChatUpgradeFrom from) {
            // the supergroup's first message: the basic group's portal moves here (not a message of its own, which
            // would open a second room for the supergroup before the move)
            moved(-from.basicGroupId(), chat.id());
            return;
        }
        if (message.content() instanceof MessageContent.Poll p) {
            polls.seen(message.chatId(), message.id(), p.poll());
        }
        sink.emit(toEvent(chat, message));
        if (message.content() instanceof MessageContent.ChatUpgradeTo to) {
            moved(chat.id(), SUPERGROUP_ZERO - to.supergroupId());
        }
        if (message.content() instanceof MessageContent.ChatChangeTitle
                || message.content() instanceof MessageContent.ChatAddMembers
                || message.content() instanceof MessageContent.ChatDeleteMember
                || message.content() instanceof MessageContent.ChatJoinByLink) {
            sink.emit(new RemoteEvent.ChatInfoChanged(portal(chat), chatInfo.chatInfo(chat), Instant.now()));
        }
    }

    /** A message as a bridged event (also used by history fetches). */
    RemoteEvent.Message toEvent(Chat chat, Message message) {
        Optional<String> replyTo = message.replyTo() instanceof MessageReplyTo.ToMessage r
                && r.chatId() == message.chatId() ? Optional.of(ids.bridged(r.chatId(), r.messageId()))
                : Optional.empty();
        return new RemoteEvent.Message(portal(chat), sender(message), ids.bridged(message),
                Instant.ofEpochSecond(message.date()), toMatrix.parts(message.content()), replyTo, topic(message));
    }

    /**
     * Forum topics are threads of the one room: the root is the topic's first message ("created the topic"), whose
     * TDLib id is the topic id shifted by 20 bits (TDLib's message ids are the server's times 2^20). The General topic
     * (id 1) has no such message: its messages are the room's main timeline.
     */
    private Optional<String> topic(Message message) {
        if (message.topicId() instanceof MessageTopic.Forum f && f.forumTopicId() != GENERAL_TOPIC) {
            long root = (long) f.forumTopicId() << 20;
            return root == message.id() ? Optional.empty() : Optional.of(ids.bridged(message.chatId(), root));
        }
        return Optional.empty();
    }

    /** A basic group became a supergroup: its portal follows, once. */
    private void moved(long basicGroupChatId, long supergroupChatId) {
        if (upgraded.add(basicGroupChatId)) {
            sink.emit(new RemoteEvent.PortalMoved(PortalRef.shared(Long.toString(basicGroupChatId)),
                    Long.toString(supergroupChatId), Instant.now()));
        }
    }

    private void presence(long userId, UserStatus status) {
        Instant now = Instant.now();
        switch (status) {
            case UserStatus.Online o -> sink.emit(new RemoteEvent.Presence(Long.toString(userId), true,
                    Optional.of(now), now));
            case UserStatus.Offline o -> sink.emit(new RemoteEvent.Presence(Long.toString(userId), false,
                    Optional.of(Instant.ofEpochSecond(o.wasOnline())), now));
            case null -> {
            }
            // hidden by the user's privacy settings: away, without a time
            default -> sink.emit(new RemoteEvent.Presence(Long.toString(userId), false, Optional.empty(), now));
        }
    }

    private void pollChanged(long chatId, long messageId, TdPoll poll) throws NetworkException {
        List<PollVotes.Change> changes = polls.changed(chatId, messageId, poll);
        if (changes.isEmpty()) {
            return;
        }
        PortalRef portal = portal(directory.chat(chatId));
        String pollId = ids.bridged(chatId, messageId);
        for (PollVotes.Change c : changes) {
            sink.emit(new RemoteEvent.PollVote(portal, new Sender(c.voterId(), c.voterId().equals(loginId)), pollId,
                    c.optionIds(), Instant.now()));
        }
    }

    private void edited(Update.MessageContentChanged c) throws NetworkException {
        if (c.newContent() instanceof MessageContent.Poll p) {
            pollChanged(c.chatId(), c.messageId(), p.poll()); // votes, not an edit
            return;
        }
        if (outgoing.isOwnEdit(c.chatId(), c.messageId())) {
            return;
        }
        Chat chat = directory.chat(c.chatId());
        Message message = chatInfo.requests().call(new MessageRequest.GetMessage(c.chatId(), c.messageId()));
        Instant when = message.editDate() > 0 ? Instant.ofEpochSecond(message.editDate()) : Instant.now();
        sink.emit(new RemoteEvent.Edit(portal(chat), sender(message), ids.bridged(message), "", when,
                toMatrix.convert(c.newContent())));
    }

    private void reactionsChanged(long chatId, long messageId, MessageInteractionInfo info) throws NetworkException {
        Set<String> now = new HashSet<>();
        if (info != null && info.reactions() != null) {
            for (MessageReaction r : info.reactions().reactions()) {
                if (!(r.type() instanceof ReactionType.Emoji e)) {
                    continue;
                }
                if (r.recentSenderIds() != null) {
                    for (MessageSender s : r.recentSenderIds()) {
                        if (s instanceof MessageSender.User u) {
                            now.add(u.userId() + " " + e.emoji());
                        }
                    }
                }
                if (r.isChosen()) {
                    now.add(loginId + " " + e.emoji());
                }
            }
        }
        String key = chatId + "/" + messageId;
        Set<String> before = reactions.getOrDefault(key, Set.of());
        reactions.put(key, now);
        PortalRef portal = portal(directory.chat(chatId));
        String bridgedId = ids.bridged(chatId, messageId);
        Instant at = Instant.now();
        for (String added : now) {
            if (!before.contains(added)) {
                String[] userAndEmoji = added.split(" ", 2);
                sink.emit(new RemoteEvent.Reaction(portal, new Sender(userAndEmoji[0], userAndEmoji[0].equals(loginId)),
                        bridgedId, userAndEmoji[1], at));
            }
        }
        for (String removed : before) {
            if (!now.contains(removed)) {
                String[] userAndEmoji = removed.split(" ", 2);
                sink.emit(new RemoteEvent.ReactionRemoved(portal,
                        new Sender(userAndEmoji[0], userAndEmoji[0].equals(loginId)), bridgedId,
                        userAndEmoji[1], at));
            }
        }
    }

    private void connection(ConnectionState state) {
        if (state instanceof ConnectionState.Ready) {
            if (disconnected) {
                disconnected = false;
                sink.emit(new RemoteEvent.LoginStateChanged(LoginState.CONNECTED, "Connected to Telegram again",
                        Instant.now()));
            }
            wasReady = true;
        } else if (state instanceof ConnectionState.WaitingForNetwork && wasReady && !disconnected) {
            disconnected = true;
            sink.emit(new RemoteEvent.LoginStateChanged(LoginState.TRANSIENT_DISCONNECT, "Lost the connection to"
                    + " Telegram; reconnecting by itself", Instant.now()));
        }
    }

    private Sender sender(Message message) {
        String id = switch (message.senderId()) {
            case MessageSender.User u -> Long.toString(u.userId());
            case MessageSender.Chat c -> Long.toString(c.chatId());
            case null -> Long.toString(message.chatId());
        };
        return new Sender(id, message.isOutgoing());
    }

    PortalRef portal(Chat chat) {
        return TelegramIds.portal(chat, loginId);
    }
}

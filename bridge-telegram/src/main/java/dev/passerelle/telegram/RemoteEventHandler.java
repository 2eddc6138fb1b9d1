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

    private final String loginId;
    private final RemoteEventSink sink;
    private final Directory directory;
    private final ToMatrix toMatrix;
    private final ChatInfoFetcher chatInfo;
    private final OutgoingMessages outgoing;
    private final MessageIds ids;
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
                       ChatInfoFetcher chatInfo, OutgoingMessages outgoing, MessageIds ids) {
        this.loginId = loginId;
        this.sink = sink;
        this.directory = directory;
        this.toMatrix = toMatrix;
        this.chatInfo = chatInfo;
        this.outgoing = outgoing;
        this.ids = ids;
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
            case Update.NewChat c -> directory.put(c.chat());
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
            case Update.AuthorizationStateChanged a -> {
            }
            case Update.OptionChanged o -> {
            }
        }
    }

    private void newMessage(Message message) throws NetworkException {
        Chat chat = directory.chat(message.chatId());
        if (chat.type() instanceof ChatType.Secret) {
            return; // secret chats are end-to-end encrypted on the phone only; the bridge says so in the chat info
        }
        sink.emit(toEvent(chat, message));
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
                Instant.ofEpochSecond(message.date()), toMatrix.parts(message.content()), replyTo, Optional.empty());
    }

    private void edited(Update.MessageContentChanged c) throws NetworkException {
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

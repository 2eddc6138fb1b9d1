package dev.passerelle.testnet;

import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.Sender;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A test's handle on one login ({@link TestNetwork#login}): script what its client receives and read what the
 * bridge sent through it. The emitters deliver to this login's client only (which must be connected) and return
 * the event; chat ids are as this login sees them (for a DM, the other account's id). Calls do not block.
 */
public final class TestLogin {

    private final World world;
    private final String loginId;

    TestLogin(World world, String loginId) {
        this.world = world;
        this.loginId = loginId;
    }

    public String loginId() {
        return loginId;
    }

    /** Delivers {@code event} to this login's client as it is. */
    public void emit(RemoteEvent event) {
        within(() -> {
            client().link().emit(event);
            return event;
        });
    }

    /** {@code fromUser} writes {@code text} in {@code chatId}: added to the history and delivered. */
    public RemoteEvent.Message message(String chatId, String fromUser, String text) {
        return message(chatId, fromUser, List.of(MessagePart.only(
                new MessageContent.Text(FormattedText.plain(text), MessageContent.TextKind.NORMAL))), Optional.empty());
    }

    /** A message of any parts, optionally answering {@code replyTo}. */
    public RemoteEvent.Message message(String chatId, String fromUser, List<MessagePart> parts,
                                       Optional<String> replyTo) {
        return within(() -> {
            RemoteEvent.Message m = store(chatId, fromUser, parts, replyTo);
            client().link().emit(m);
            return m;
        });
    }

    /**
     * {@code fromUser} writes {@code text} in the thread of {@code rootMessageId} (which is not checked, so that a
     * thread whose root was never bridged can be scripted), optionally answering {@code replyTo} in it.
     */
    public RemoteEvent.Message threadMessage(String chatId, String fromUser, String rootMessageId, String text,
                                             Optional<String> replyTo) {
        return within(() -> {
            world.requireAccount(fromUser);
            Conversation c = resolve(chatId);
            RemoteEvent.Message m = world.append(c, fromUser, List.of(MessagePart.only(new MessageContent.Text(
                    FormattedText.plain(text), MessageContent.TextKind.NORMAL))), replyTo, Optional.of(rootMessageId))
                    .toEvent(c.portalFor(loginId), loginId);
            client().link().emit(m);
            return m;
        });
    }

    /**
     * Adds a message to the history without delivering it, as one that arrived while the bridge was away: catch-up
     * ({@code fetchMessages}) finds it. The client need not be connected.
     */
    public RemoteEvent.Message messageWhileAway(String chatId, String fromUser, String text) {
        return within(() -> store(chatId, fromUser, List.of(MessagePart.only(new MessageContent.Text(
                FormattedText.plain(text), MessageContent.TextKind.NORMAL))), Optional.empty()));
    }

    /** {@code fromUser} changes the text of their message {@code messageId}. */
    public RemoteEvent.Edit edit(String chatId, String fromUser, String messageId, String newText) {
        MessageContent content = new MessageContent.Text(FormattedText.plain(newText), MessageContent.TextKind.NORMAL);
        return emitted(chatId, c -> {
            StoredMessage m = world.requireMessage(c, messageId, loginId);
            world.replace(c, m.withPart("", content));
            return new RemoteEvent.Edit(c.portalFor(loginId), sender(fromUser), messageId, "", world.nextTimestamp(),
                    content);
        });
    }

    public RemoteEvent.Reaction react(String chatId, String fromUser, String messageId, String emoji) {
        return emitted(chatId, c -> new RemoteEvent.Reaction(c.portalFor(loginId), sender(fromUser), messageId, emoji,
                world.nextTimestamp()));
    }

    public RemoteEvent.ReactionRemoved unreact(String chatId, String fromUser, String messageId, String emoji) {
        return emitted(chatId, c -> new RemoteEvent.ReactionRemoved(c.portalFor(loginId), sender(fromUser), messageId,
                emoji, world.nextTimestamp()));
    }

    /**
     * {@code fromUser} takes back their reaction(s) on {@code messageId} without saying which, as WhatsApp and
     * Messenger report it ({@link RemoteEvent.ReactionRemoved#emoji()} empty).
     */
    public RemoteEvent.ReactionRemoved unreactAll(String chatId, String fromUser, String messageId) {
        return emitted(chatId, c -> new RemoteEvent.ReactionRemoved(c.portalFor(loginId), sender(fromUser), messageId,
                Optional.empty(), world.nextTimestamp()));
    }

    /**
     * The group {@code chatId} now lives under {@code newChatId}, as a Telegram group upgraded to a supergroup: the
     * new chat has the same name and members and an empty history; the old one stays with its history (its messages
     * can still be edited and deleted under the old id). Delivers {@link RemoteEvent.PortalMoved}.
     */
    public RemoteEvent.PortalMoved moveChat(String chatId, String newChatId) {
        return within(() -> {
            TestChat old = world.requireChat(chatId);
            world.putChat(new TestChat(newChatId, old.kind(), old.name(), old.topic(), old.avatar(), old.members()));
            RemoteEvent.PortalMoved event = new RemoteEvent.PortalMoved(resolve(chatId).portalFor(loginId), newChatId,
                    world.nextTimestamp());
            client().link().emit(event);
            return event;
        });
    }

    /** {@code user} comes online or goes away. */
    public RemoteEvent.Presence presence(String user, boolean online) {
        return within(() -> {
            RemoteEvent.Presence event = new RemoteEvent.Presence(user, online, Optional.empty(),
                    world.nextTimestamp());
            client().link().emit(event);
            return event;
        });
    }

    /** The network tells this login's owner something that belongs to no chat. */
    public RemoteEvent.UserNotice notice(String message) {
        return within(() -> {
            RemoteEvent.UserNotice event = new RemoteEvent.UserNotice(message, world.nextTimestamp());
            client().link().emit(event);
            return event;
        });
    }

    /** {@code fromUser} deletes {@code messageId} for everyone: it leaves the history too. */
    public RemoteEvent.MessageDeleted delete(String chatId, String fromUser, String messageId) {
        return emitted(chatId, c -> {
            world.requireMessage(c, messageId, loginId);
            world.remove(c, messageId);
            return new RemoteEvent.MessageDeleted(c.portalFor(loginId), sender(fromUser), messageId,
                    world.nextTimestamp());
        });
    }

    public RemoteEvent.ReadReceipt read(String chatId, String fromUser, String upToMessageId) {
        return emitted(chatId, c -> new RemoteEvent.ReadReceipt(c.portalFor(loginId), sender(fromUser),
                upToMessageId, world.nextTimestamp()));
    }

    public RemoteEvent.Typing typing(String chatId, String fromUser, boolean typing) {
        return emitted(chatId, c -> new RemoteEvent.Typing(c.portalFor(loginId), sender(fromUser), typing,
                typing ? Duration.ofSeconds(5) : Duration.ZERO, world.nextTimestamp()));
    }

    /**
     * {@code fromUser} asks {@code question} in {@code chatId}: a single-choice poll whose options have the ids
     * {@code "0"}, {@code "1"}... in order.
     */
    public RemoteEvent.Message poll(String chatId, String fromUser, String question, String... options) {
        List<MessageContent.PollOption> list = new java.util.ArrayList<>();
        for (int i = 0; i < options.length; i++) {
            list.add(new MessageContent.PollOption(Integer.toString(i), options[i]));
        }
        return message(chatId, fromUser, List.of(MessagePart.only(new MessageContent.Poll(
                FormattedText.plain(question), list, 1))), Optional.empty());
    }

    /**
     * {@code fromUser} votes {@code optionIds} in poll {@code pollMessageId} (replacing their earlier vote); no ids
     * takes the vote back. The poll is not checked, so that a vote on an unknown poll can be scripted.
     */
    public RemoteEvent.PollVote vote(String chatId, String fromUser, String pollMessageId, String... optionIds) {
        return emitted(chatId, c -> new RemoteEvent.PollVote(c.portalFor(loginId), sender(fromUser), pollMessageId,
                List.of(optionIds), world.nextTimestamp()));
    }

    /** Renames a group or channel in the world and delivers the whole new chat info. */
    public RemoteEvent.ChatInfoChanged renameChat(String chatId, String newName) {
        return changeChat(chatId, chat -> chat.withName(newName));
    }

    /** Applies {@code change} to a group or channel in the world and delivers the whole new chat info. */
    public RemoteEvent.ChatInfoChanged changeChat(String chatId, Function<TestChat, TestChat> change) {
        return within(() -> {
            world.putChat(change.apply(world.requireChat(chatId)));
            Conversation c = resolve(chatId);
            RemoteEvent.ChatInfoChanged event = new RemoteEvent.ChatInfoChanged(c.portalFor(loginId),
                    world.chatInfo(c, loginId), world.nextTimestamp());
            client().link().emit(event);
            return event;
        });
    }

    /** Every call the network accepted from this login's clients, in order (kept across client reloads). */
    public List<SentCall> sent() {
        return within(() -> world.sent(loginId));
    }

    /** The next sending call of this login fails with {@code failure} (and is not recorded). */
    public void failNextSend(NetworkException failure) {
        within(() -> {
            world.failNextSend(loginId, failure);
            return null;
        });
    }

    /** The network revokes every session of this login: the client reports BAD_CREDENTIALS and is logged out. */
    public void revokeSession() {
        within(() -> {
            world.revokeSessions(loginId);
            world.client(loginId).ifPresent(c -> c.link().revoked());
            return null;
        });
    }

    /** The client loses the connection now (TRANSIENT_DISCONNECT) and gets it back after {@code duration} (CONNECTED). */
    public void disconnectFor(Duration duration) {
        within(() -> {
            client().link().outageFor(duration);
            return null;
        });
    }

    /** Whether this login's client is connected and receiving. */
    public boolean isConnected() {
        return within(() -> world.client(loginId).map(TestNetworkClient::isReceiving).orElse(false));
    }

    private RemoteEvent.Message store(String chatId, String fromUser, List<MessagePart> parts,
                                      Optional<String> replyTo) {
        world.requireAccount(fromUser);
        Conversation c = resolve(chatId);
        return world.append(c, fromUser, parts, replyTo, Optional.empty()).toEvent(c.portalFor(loginId),
                loginId);
    }

    private <E extends RemoteEvent> E emitted(String chatId, WorldChange<E> make) {
        return within(() -> {
            TestNetworkClient target = client();
            E event;
            try {
                event = make.apply(resolve(chatId));
            } catch (NetworkException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            target.link().emit(event);
            return event;
        });
    }

    private Sender sender(String fromUser) {
        world.requireAccount(fromUser);
        return new Sender(fromUser, fromUser.equals(loginId));
    }

    private Conversation resolve(String chatId) {
        try {
            return world.resolve(loginId, chatId);
        } catch (NetworkException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private TestNetworkClient client() {
        return world.client(loginId).orElseThrow(() -> new IllegalStateException("No client is loaded for login "
                + loginId + ": complete a login and let the bridge load its client first"));
    }

    private <T> T within(java.util.function.Supplier<T> action) {
        world.lock.lock();
        try {
            return action.get();
        } finally {
            world.lock.unlock();
        }
    }

    @FunctionalInterface
    private interface WorldChange<E> {
        E apply(Conversation c) throws NetworkException;
    }
}

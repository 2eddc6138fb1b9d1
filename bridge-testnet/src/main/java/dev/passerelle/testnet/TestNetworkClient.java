package dev.passerelle.testnet;

import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingEdit;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import dev.passerelle.core.spi.ResolvedIdentifier;
import dev.passerelle.core.spi.Sender;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.core.spi.UserInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The client of one test network login. Accepted calls are recorded ({@link TestLogin#sent()}), added to the chat's
 * history and delivered to the other members' connected clients, never back to this one. All calls block briefly
 * under the world's lock; sends first wait {@code send_delay_ms}.
 */
public final class TestNetworkClient implements NetworkClient, NetworkClient.EditHandling,
        NetworkClient.ReactionHandling, NetworkClient.DeleteHandling, NetworkClient.ReadReceiptHandling,
        NetworkClient.TypingHandling, NetworkClient.IdentifierResolving, NetworkClient.HistoryFetching,
        NetworkClient.PollVoting, NetworkClient.MembershipHandling, NetworkClient.ThreadSending {

    private static final Duration DELETE_WINDOW = Duration.ofHours(24);
    private static final Duration TYPING_TIMEOUT = Duration.ofSeconds(5);

    private final World world;
    private final Duration sendDelay;
    private final String loginId;
    private final RemoteEventSink sink;
    private final ClientLink link;

    TestNetworkClient(World world, Duration sendDelay, String loginId, boolean sessionValid, RemoteEventSink sink) {
        this.world = world;
        this.sendDelay = sendDelay;
        this.loginId = loginId;
        this.sink = sink;
        this.link = new ClientLink(world, sink, sessionValid);
    }

    @Override
    public void connect() {
        link.connect();
    }

    @Override
    public void disconnect() {
        link.disconnect();
    }

    @Override
    public boolean isLoggedIn() {
        return link.isLoggedIn();
    }

    @Override
    public void logout() {
        world.lock.lock();
        try {
            world.revokeSessions(loginId);
            link.loggedOut();
            world.unregister(loginId, this);
        } finally {
            world.lock.unlock();
        }
    }

    @Override
    public SentMessage sendMessage(OutgoingMessage message) throws NetworkException {
        OutgoingMessage kept = new OutgoingMessage(message.chatId(), message.eventId(), readable(message.content()),
                message.replyTo(), message.relayedBy(), message.threadRoot());
        return sending(() -> {
            Conversation c = world.resolve(loginId, message.chatId());
            StoredMessage m = world.append(c, loginId, List.of(MessagePart.only(kept.content())),
                    message.replyTo().map(MessageTarget::messageId),
                    message.threadRoot().map(MessageTarget::messageId));
            SentMessage result = new SentMessage(m.id(), m.timestamp());
            world.recordSent(loginId, new SentCall.SendMessage(kept, result));
            world.deliverToOthers(c, loginId, viewer -> m.toEvent(c.portalFor(viewer), viewer));
            return result;
        });
    }

    @Override
    public void sendEdit(OutgoingEdit edit) throws NetworkException {
        sending(() -> {
            Conversation c = world.resolve(loginId, edit.target().chatId());
            StoredMessage m = world.requireMessage(c, edit.target().messageId(), loginId);
            if (!m.senderId().equals(loginId)) {
                throw new NetworkException("Test Network lets you edit only your own messages", false);
            }
            world.replace(c, m.withPart("", edit.newContent()));
            world.recordSent(loginId, new SentCall.SendEdit(edit));
            Instant ts = world.nextTimestamp();
            world.deliverToOthers(c, loginId, viewer -> new RemoteEvent.Edit(c.portalFor(viewer),
                    sender(), m.id(), "", ts, edit.newContent()));
            return null;
        });
    }

    @Override
    public Optional<String> sendReaction(OutgoingReaction reaction) throws NetworkException {
        return Optional.ofNullable(sending(() -> {
            Conversation c = world.resolve(loginId, reaction.target().chatId());
            world.requireMessage(c, reaction.target().messageId(), loginId);
            world.recordSent(loginId, new SentCall.SendReaction(reaction));
            Instant ts = world.nextTimestamp();
            world.deliverToOthers(c, loginId, viewer -> new RemoteEvent.Reaction(c.portalFor(viewer), sender(),
                    reaction.target().messageId(), reaction.emoji(), ts));
            return null;
        }));
    }

    @Override
    public void removeReaction(OutgoingReaction reaction) throws NetworkException {
        sending(() -> {
            Conversation c = world.resolve(loginId, reaction.target().chatId());
            world.requireMessage(c, reaction.target().messageId(), loginId);
            world.recordSent(loginId, new SentCall.RemoveReaction(reaction));
            Instant ts = world.nextTimestamp();
            world.deliverToOthers(c, loginId, viewer -> new RemoteEvent.ReactionRemoved(c.portalFor(viewer),
                    sender(), reaction.target().messageId(), reaction.emoji(), ts));
            return null;
        });
    }

    @Override
    public void deleteMessage(MessageTarget target) throws NetworkException {
        sending(() -> {
            Conversation c = world.resolve(loginId, target.chatId());
            StoredMessage m = world.requireMessage(c, target.messageId(), loginId);
            if (!m.senderId().equals(loginId) && !isAdmin(c)) {
                throw new NetworkException("Test Network lets you delete only your own messages, or any as an admin",
                        false);
            }
            if (m.timestamp().plus(DELETE_WINDOW).isBefore(Instant.now())) {
                throw new NetworkException("Test Network deletes messages for everyone only within 24 hours", false);
            }
            world.remove(c, m.id());
            world.recordSent(loginId, new SentCall.DeleteMessage(target));
            Instant ts = world.nextTimestamp();
            world.deliverToOthers(c, loginId, viewer -> new RemoteEvent.MessageDeleted(c.portalFor(viewer),
                    sender(), m.id(), ts));
            return null;
        });
    }

    @Override
    public void markRead(MessageTarget upTo) throws NetworkException {
        sending(() -> {
            Conversation c = world.resolve(loginId, upTo.chatId());
            world.recordSent(loginId, new SentCall.MarkRead(upTo));
            Instant ts = world.nextTimestamp();
            world.deliverToOthers(c, loginId, viewer -> new RemoteEvent.ReadReceipt(c.portalFor(viewer), sender(),
                    upTo.messageId(), ts));
            return null;
        });
    }

    @Override
    public void setTyping(String chatId, boolean typing) throws NetworkException {
        sending(() -> {
            Conversation c = world.resolve(loginId, chatId);
            world.recordSent(loginId, new SentCall.SetTyping(chatId, typing));
            Instant ts = world.nextTimestamp();
            world.deliverToOthers(c, loginId, viewer -> new RemoteEvent.Typing(c.portalFor(viewer), sender(), typing,
                    typing ? TYPING_TIMEOUT : Duration.ZERO, ts));
            return null;
        });
    }

    /** Refused for a message that is not a poll, an option it does not have, or more choices than it allows. */
    @Override
    public void vote(MessageTarget poll, List<String> optionIds) throws NetworkException {
        sending(() -> {
            Conversation c = world.resolve(loginId, poll.chatId());
            StoredMessage m = world.requireMessage(c, poll.messageId(), loginId);
            MessageContent.Poll p = m.parts().stream().map(MessagePart::content)
                    .filter(MessageContent.Poll.class::isInstance).map(MessageContent.Poll.class::cast).findFirst()
                    .orElseThrow(() -> new NetworkException("Test Network message " + m.id() + " is not a poll",
                            false));
            for (String id : optionIds) {
                if (p.options().stream().noneMatch(o -> o.id().equals(id))) {
                    throw new NetworkException("The poll has no answer '" + id + "'", false);
                }
            }
            if (optionIds.size() > p.maxSelections()) {
                throw new NetworkException("The poll allows " + p.maxSelections() + " answer(s), not "
                        + optionIds.size(), false);
            }
            world.recordSent(loginId, new SentCall.Vote(poll, List.copyOf(optionIds)));
            Instant ts = world.nextTimestamp();
            world.deliverToOthers(c, loginId, viewer -> new RemoteEvent.PollVote(c.portalFor(viewer), sender(),
                    m.id(), optionIds, ts));
            return null;
        });
    }

    /** Admins of a group add people; everyone connected in it (this login too) gets the new member list. */
    @Override
    public void invite(String chatId, String remoteUserId) throws NetworkException {
        sending(() -> {
            Conversation c = world.resolve(loginId, chatId);
            TestChat chat = administered(c, "add people to");
            if (world.account(remoteUserId).isEmpty()) {
                throw new NetworkException("Test Network has no user " + remoteUserId, false);
            }
            if (chat.hasMember(remoteUserId)) {
                throw new NetworkException(remoteUserId + " is already in " + chat.name(), false);
            }
            List<ChatInfo.ChatMember> members = new java.util.ArrayList<>(chat.members());
            members.add(new ChatInfo.ChatMember(remoteUserId, ChatInfo.Role.MEMBER));
            world.recordSent(loginId, new SentCall.AddMember(chatId, remoteUserId));
            membersChanged(chat.withMembers(members));
            return null;
        });
    }

    /** Admins of a group remove people other than its owner; the members left get the new member list. */
    @Override
    public void kick(String chatId, String remoteUserId, String reason) throws NetworkException {
        sending(() -> {
            Conversation c = world.resolve(loginId, chatId);
            TestChat chat = administered(c, "remove people from");
            if (!chat.hasMember(remoteUserId)) {
                throw new NetworkException(remoteUserId + " is not in " + chat.name(), false);
            }
            if (chat.members().stream().anyMatch(m -> m.remoteUserId().equals(remoteUserId)
                    && m.role() == ChatInfo.Role.OWNER)) {
                throw new NetworkException("The owner of " + chat.name() + " cannot be removed", false);
            }
            world.recordSent(loginId, new SentCall.RemoveMember(chatId, remoteUserId, reason));
            membersChanged(chat.withMembers(chat.members().stream()
                    .filter(m -> !m.remoteUserId().equals(remoteUserId)).toList()));
            return null;
        });
    }

    private TestChat administered(Conversation c, String what) throws NetworkException {
        TestChat chat = c.chat().orElseThrow(() -> new NetworkException(
                "A Test Network direct chat has exactly two people; nobody can be added or removed", false));
        if (!isAdmin(c)) {
            throw new NetworkException("only admins of " + chat.name() + " can " + what + " it", false);
        }
        return chat;
    }

    private void membersChanged(TestChat updated) {
        world.putChat(updated);
        Conversation now = Conversation.ofChat(updated);
        Instant ts = world.nextTimestamp();
        world.deliverToMembers(now, viewer -> new RemoteEvent.ChatInfoChanged(now.portalFor(viewer),
                world.chatInfo(now, viewer), ts));
    }

    @Override
    public ChatInfo chatInfo(String chatId) throws NetworkException {
        return reading(() -> world.chatInfo(world.resolve(loginId, chatId), loginId));
    }

    @Override
    public UserInfo userInfo(String remoteUserId) throws NetworkException {
        return reading(() -> world.userInfo(remoteUserId));
    }

    @Override
    public Optional<ResolvedIdentifier> resolveIdentifier(String identifier, boolean createChat)
            throws NetworkException {
        return reading(() -> {
            String id = identifier.strip();
            Optional<TestAccount> found = id.startsWith("@") ? world.accountByUsername(id.substring(1))
                    : world.accountByPhone(id);
            if (found.isEmpty() || found.get().id().equals(loginId)) {
                return Optional.empty();
            }
            Conversation dm = Conversation.dm(loginId, found.get().id());
            if (createChat) {
                world.startDm(dm);
            }
            Optional<String> chatId = world.dmStarted(dm) ? Optional.of(found.get().id()) : Optional.empty();
            return Optional.of(new ResolvedIdentifier(found.get().id(), world.userInfo(found.get().id()), chatId));
        });
    }

    @Override
    public List<RemoteEvent.Message> fetchMessages(String chatId, Optional<HistoryPoint> after, int limit)
            throws NetworkException {
        return reading(() -> {
            Conversation c = world.resolve(loginId, chatId);
            List<StoredMessage> all = world.history(c);
            List<StoredMessage> chosen;
            if (after.isPresent()) {
                int index = indexOf(all, after.get().messageId());
                if (index < 0) {
                    // The message was deleted since: what came after its time, as the SPI asks.
                    index = -1;
                    for (int i = 0; i < all.size() && !all.get(i).timestamp().isAfter(after.get().time()); i++) {
                        index = i;
                    }
                }
                chosen = all.subList(index + 1, Math.min(all.size(), index + 1 + limit));
            } else {
                chosen = all.subList(Math.max(0, all.size() - limit), all.size());
            }
            return chosen.stream().map(m -> m.toEvent(c.portalFor(loginId), loginId)).toList();
        });
    }

    // ---- for TestLogin and the world ----------------------------------------------------------------------

    String loginId() {
        return loginId;
    }

    ClientLink link() {
        return link;
    }

    boolean isReceiving() {
        return link.isReceiving();
    }

    void deliver(RemoteEvent event) {
        sink.emit(event);
    }

    private Sender sender() {
        return new Sender(loginId, false);
    }

    private boolean isAdmin(Conversation c) {
        return c.chat().map(chat -> chat.members().stream().anyMatch(m -> m.remoteUserId().equals(loginId)
                && (m.role() == ChatInfo.Role.ADMIN || m.role() == ChatInfo.Role.OWNER))).orElse(false);
    }

    private static int indexOf(List<StoredMessage> all, String messageId) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(messageId)) {
                return i;
            }
        }
        return -1;
    }

    /** A call that sends: waits the configured latency, then fails as the link says or runs under the lock. */
    private <T> T sending(NetworkCall<T> call) throws NetworkException {
        if (!sendDelay.isZero()) {
            try {
                Thread.sleep(sendDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException("Interrupted while sending to Test Network", true, e);
            }
        }
        world.lock.lock();
        try {
            link.checkCanSend();
            Optional<NetworkException> failure = world.takeFailNext(loginId);
            if (failure.isPresent()) {
                throw failure.get();
            }
            return call.run();
        } finally {
            world.lock.unlock();
        }
    }

    private <T> T reading(NetworkCall<T> call) throws NetworkException {
        world.lock.lock();
        try {
            link.checkCanSend();
            return call.run();
        } finally {
            world.lock.unlock();
        }
    }

    /** Media bytes are read once at send time, as a network uploads them, so echoes and tests can open them. */
    private static MessageContent readable(MessageContent content) throws NetworkException {
        if (!(content instanceof MessageContent.Media media)) {
            return content;
        }
        byte[] bytes;
        try (InputStream in = media.media().open()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new NetworkException("Could not read the file to send to Test Network: " + e.getMessage(), true, e);
        }
        return new MessageContent.Media(media.kind(), () -> new ByteArrayInputStream(bytes), media.fileName(),
                media.mimeType(), bytes.length, media.dimensions(), media.durationMs(), media.caption(),
                media.waveform());
    }

    @FunctionalInterface
    private interface NetworkCall<T> {
        T run() throws NetworkException;
    }
}

package dev.passerelle.testnet;

import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteAvatar;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.UserInfo;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The state of one test network between two {@link TestNetwork#reset()}s. Everything — the world, its clients and
 * login processes — runs under {@link #lock}, so the order of what clients deliver to their sinks is the order of
 * the calls; sinks return at once, so holding it while delivering is cheap.
 */
final class World {

    final ReentrantLock lock = new ReentrantLock();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TestAccount> accounts = new LinkedHashMap<>();
    private final Map<String, TestChat> chats = new LinkedHashMap<>();
    private final Map<String, List<StoredMessage>> history = new HashMap<>();
    private final Set<String> startedDms = new HashSet<>();
    private final Map<String, String> sessions = new HashMap<>();
    private final Map<String, TestNetworkClient> clients = new HashMap<>();
    private final Map<String, List<SentCall>> sent = new HashMap<>();
    private final Map<String, NetworkException> failNext = new HashMap<>();
    private final Map<String, String> codes = new HashMap<>();
    private final Map<String, QrLogin> pendingQr = new HashMap<>();
    private volatile Set<NetworkCapabilities.MessageKind> messageKinds =
            Set.copyOf(EnumSet.allOf(NetworkCapabilities.MessageKind.class));
    private long messageCounter;
    private Instant lastTimestamp = Instant.EPOCH;

    // ---- accounts and chats -------------------------------------------------------------------------------

    void addAccount(TestAccount account) {
        if (chats.containsKey(account.id())) {
            throw new IllegalArgumentException("Account id " + account.id() + " is already a chat id; pick another");
        }
        accounts.put(account.id(), account);
    }

    Optional<TestAccount> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    TestAccount requireAccount(String id) {
        return account(id).orElseThrow(() -> new IllegalArgumentException(
                "No test account " + id + "; add it first with TestNetwork.addAccount"));
    }

    Optional<TestAccount> accountByPhone(String phone) {
        String wanted = phone.replaceAll("[\\s-]", "");
        return accounts.values().stream().filter(a -> a.phone().map(wanted::equals).orElse(false)).findFirst();
    }

    Optional<TestAccount> accountByUsername(String username) {
        return accounts.values().stream().filter(a -> a.username().map(username::equals).orElse(false)).findFirst();
    }

    void putChat(TestChat chat) {
        if (accounts.containsKey(chat.id())) {
            throw new IllegalArgumentException("Chat id " + chat.id() + " is already an account id; pick another");
        }
        chats.put(chat.id(), chat);
    }

    TestChat requireChat(String id) {
        TestChat chat = chats.get(id);
        if (chat == null) {
            throw new IllegalArgumentException("No test group or channel " + id + "; add it with TestNetwork.addChat");
        }
        return chat;
    }

    /** The chat {@code viewer} calls {@code chatId}: a group or channel they are in, or their DM with that account. */
    Conversation resolve(String viewer, String chatId) throws NetworkException {
        TestChat chat = chats.get(chatId);
        if (chat != null) {
            if (!chat.hasMember(viewer)) {
                throw new NetworkException("You (" + viewer + ") are not a member of Test Network chat " + chatId,
                        false);
            }
            return Conversation.ofChat(chat);
        }
        if (accounts.containsKey(chatId) && !chatId.equals(viewer)) {
            return Conversation.dm(viewer, chatId);
        }
        throw new NetworkException("Test Network has no chat " + chatId + " for " + viewer, false);
    }

    ChatInfo chatInfo(Conversation c, String viewer) {
        if (c.chat().isEmpty()) {
            String partner = c.chatIdFor(viewer);
            List<ChatInfo.ChatMember> members = c.members().stream()
                    .map(m -> new ChatInfo.ChatMember(m, ChatInfo.Role.MEMBER)).toList();
            return new ChatInfo(ChatInfo.ChatKind.DM, Optional.empty(), Optional.empty(), Optional.empty(), members,
                    Optional.of(partner));
        }
        TestChat chat = c.chat().get();
        return new ChatInfo(chat.kind(), Optional.of(chat.name()), chat.topic(), chat.avatar().map(World::avatar),
                chat.members(), Optional.empty());
    }

    UserInfo userInfo(String accountId) throws NetworkException {
        TestAccount a = account(accountId).orElseThrow(
                () -> new NetworkException("Test Network has no user " + accountId, false));
        return new UserInfo(Optional.of(a.name()), a.avatar().map(World::avatar), false);
    }

    static RemoteAvatar avatar(byte[] bytes) {
        byte[] copy = bytes.clone();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(copy);
            return new RemoteAvatar(HexFormat.of().formatHex(hash, 0, 12), () -> new ByteArrayInputStream(copy));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** What messages the network accepts now (its capabilities); every kind unless a test takes some away. */
    Set<NetworkCapabilities.MessageKind> messageKinds() {
        return messageKinds;
    }

    void withoutMessageKinds(Set<NetworkCapabilities.MessageKind> missing) {
        EnumSet<NetworkCapabilities.MessageKind> kinds = EnumSet.allOf(NetworkCapabilities.MessageKind.class);
        kinds.removeAll(missing);
        messageKinds = Set.copyOf(kinds);
    }

    // ---- history ------------------------------------------------------------------------------------------

    StoredMessage append(Conversation c, String senderId, List<MessagePart> parts, Optional<String> replyTo,
                         Optional<String> threadRoot) {
        StoredMessage m = new StoredMessage("msg-" + (++messageCounter), senderId, nextTimestamp(), List.copyOf(parts),
                replyTo, threadRoot);
        history.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(m);
        if (c.chat().isEmpty()) {
            startedDms.add(c.key());
        }
        return m;
    }

    List<StoredMessage> history(Conversation c) {
        return List.copyOf(history.getOrDefault(c.key(), List.of()));
    }

    StoredMessage requireMessage(Conversation c, String messageId, String viewer) throws NetworkException {
        return history.getOrDefault(c.key(), List.of()).stream().filter(m -> m.id().equals(messageId)).findFirst()
                .orElseThrow(() -> new NetworkException("Test Network has no message " + messageId + " in chat "
                        + c.chatIdFor(viewer) + " (deleted, or never sent)", false));
    }

    void replace(Conversation c, StoredMessage updated) {
        history.get(c.key()).replaceAll(m -> m.id().equals(updated.id()) ? updated : m);
    }

    void remove(Conversation c, String messageId) {
        history.getOrDefault(c.key(), new ArrayList<>()).removeIf(m -> m.id().equals(messageId));
    }

    boolean dmStarted(Conversation c) {
        return startedDms.contains(c.key());
    }

    void startDm(Conversation c) {
        startedDms.add(c.key());
    }

    /** Strictly increasing millisecond timestamps, so that order by time is order of events. */
    Instant nextTimestamp() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastTimestamp = now.isAfter(lastTimestamp) ? now : lastTimestamp.plusMillis(1);
        return lastTimestamp;
    }

    /** What a real network does: members other than {@code author} whose client is connected get the event. */
    void deliverToOthers(Conversation c, String author, Function<String, RemoteEvent> eventFor) {
        for (String member : c.members()) {
            TestNetworkClient client = clients.get(member);
            if (!member.equals(author) && client != null && client.isReceiving()) {
                client.deliver(eventFor.apply(member));
            }
        }
    }

    /** Members whose client is connected get the event, the author too (a change of the chat itself). */
    void deliverToMembers(Conversation c, Function<String, RemoteEvent> eventFor) {
        for (String member : c.members()) {
            TestNetworkClient client = clients.get(member);
            if (client != null && client.isReceiving()) {
                client.deliver(eventFor.apply(member));
            }
        }
    }

    // ---- sessions and clients -----------------------------------------------------------------------------

    String newSession(String accountId) {
        String token = randomToken();
        sessions.put(token, accountId);
        return token;
    }

    /** The account of a valid session token; compared in constant time like any secret. */
    Optional<String> sessionAccount(String token) {
        byte[] given = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Optional<String> found = Optional.empty();
        for (Map.Entry<String, String> session : sessions.entrySet()) {
            if (MessageDigest.isEqual(given, session.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                found = Optional.of(session.getValue());
            }
        }
        return found;
    }

    void revokeSessions(String accountId) {
        sessions.values().removeIf(accountId::equals);
    }

    void register(String loginId, TestNetworkClient client) {
        clients.put(loginId, client);
    }

    void unregister(String loginId, TestNetworkClient client) {
        clients.remove(loginId, client);
    }

    Optional<TestNetworkClient> client(String loginId) {
        return Optional.ofNullable(clients.get(loginId));
    }

    void recordSent(String loginId, SentCall call) {
        sent.computeIfAbsent(loginId, k -> new ArrayList<>()).add(call);
    }

    List<SentCall> sent(String loginId) {
        return List.copyOf(sent.getOrDefault(loginId, List.of()));
    }

    void failNextSend(String loginId, NetworkException failure) {
        failNext.put(loginId, failure);
    }

    Optional<NetworkException> takeFailNext(String loginId) {
        return Optional.ofNullable(failNext.remove(loginId));
    }

    // ---- login flows --------------------------------------------------------------------------------------

    String issueCode(String phone) {
        String code = String.format("%05d", random.nextInt(100_000));
        codes.put(phone, code);
        return code;
    }

    Optional<String> codeFor(String phone) {
        return Optional.ofNullable(codes.get(phone));
    }

    String newQrToken(QrLogin process) {
        String token = randomToken();
        pendingQr.put(token, process);
        return token;
    }

    void releaseQrToken(String token) {
        pendingQr.remove(token);
    }

    Optional<QrLogin> qrProcess(String token) {
        return Optional.ofNullable(pendingQr.get(token));
    }

    /** Ends this world at a reset: pending logins are cancelled and clients stop delivering. */
    void close() {
        List.copyOf(pendingQr.values()).forEach(QrLogin::cancel);
        List.copyOf(clients.values()).forEach(TestNetworkClient::disconnect);
        clients.clear();
    }

    private String randomToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

package dev.passerelle.telegram.fake;

import static dev.passerelle.telegram.fake.FakeJson.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The small Telegram behind {@link FakeTdlib}: accounts, chats, messages, sessions, login codes. Tests script it
 * (someone writes, edits, reacts...) and read what the connector asked of it. Every method locks the world, and
 * updates go to the clients logged in to the accounts concerned, as Telegram pushes them.
 */
public final class FakeTelegram {

    /** Telegram's server message ids are multiples of 2^20 in TDLib. */
    static final long ID_STEP = 1 << 20;

    final Map<Long, FakeAccount> accounts = new LinkedHashMap<>();
    final List<FakeChat> chats = new ArrayList<>();
    final Map<String, Long> sessions = new HashMap<>();
    final Map<String, String> databaseKeys = new HashMap<>();
    final Map<Integer, byte[]> files = new HashMap<>();
    final Map<String, String> codes = new HashMap<>();
    final Map<String, FakeTdlib.FakeClient> qrTokens = new HashMap<>();
    private final Map<Long, List<JsonNode>> requests = new HashMap<>();
    Optional<Integer> floodWait = Optional.empty();
    Optional<String> failNextSend = Optional.empty();
    private long nextMessage = 1;
    /** Per account, the next id it gives a message of a basic group (each account counts on its own). */
    private final Map<Long, Long> nextLocal = new HashMap<>();
    private long nextTemporary = 1;
    private int nextFile = 1;
    private long nextGroup = 1;
    private FakeTdlib td;

    void attach(FakeTdlib tdlib) {
        this.td = tdlib;
    }

    public synchronized FakeTelegram add(FakeAccount account) {
        accounts.put(account.id(), account);
        return this;
    }

    /** A group; the first member is its creator. Returns its chat id. */
    public synchronized long addGroup(String title, boolean supergroup, long... members) {
        long group = nextGroup++;
        long chatId = supergroup ? -1_000_000_000_000L - group : -group;
        FakeChat chat = new FakeChat(supergroup ? FakeChat.Kind.SUPERGROUP : FakeChat.Kind.BASIC_GROUP, group, chatId,
                title);
        for (long m : members) {
            chat.members.add(m);
        }
        chats.add(chat);
        return chatId;
    }

    /**
     * While {@code unreachable}, new messages of the chat are not pushed to {@code account}'s clients (a test lever:
     * what only the other members' logins see).
     */
    public synchronized void setUnreachable(long chatId, long account, boolean unreachable) {
        if (unreachable) {
            group(chatId).unreachable.add(account);
        } else {
            group(chatId).unreachable.remove(account);
        }
    }

    /** A secret chat that {@code from} opens with {@code to}; returns its chat id. */
    public synchronized long openSecretChat(long from, long to) {
        long secret = nextGroup++;
        FakeChat chat = new FakeChat(FakeChat.Kind.SECRET, secret, -2_000_000_000_000L + secret,
                accounts.get(to).firstName());
        chat.members.add(from);
        chat.members.add(to);
        chat.titles.put(from, accounts.get(to).firstName());
        chat.titles.put(to, accounts.get(from).firstName());
        chats.add(chat);
        for (long member : chat.members) {
            ObjectNode update = obj("updateNewChat");
            update.set("chat", FakeJson.chat(chat, member));
            deliver(member, update);
        }
        return chat.chatId;
    }

    /**
     * The basic group becomes a supergroup, as Telegram does it: a new chat, "upgraded to" in the old one and
     * "upgraded from" in the new one. Returns the supergroup's chat id.
     */
    public synchronized long upgrade(long from, long basicGroupChatId) {
        FakeChat old = group(basicGroupChatId);
        long supergroup = nextGroup++;
        FakeChat chat = new FakeChat(FakeChat.Kind.SUPERGROUP, supergroup, -1_000_000_000_000L - supergroup,
                old.title);
        chat.members.addAll(old.members);
        chats.add(chat);
        for (long member : chat.members) {
            ObjectNode update = obj("updateNewChat");
            update.set("chat", FakeJson.chat(chat, member));
            deliver(member, update);
        }
        post(from, basicGroupChatId, (ObjectNode) obj("messageChatUpgradeTo").put("supergroup_id", supergroup), 0);
        post(from, chat.chatId, (ObjectNode) obj("messageChatUpgradeFrom").put("title", old.title)
                .put("basic_group_id", old.groupId), 0);
        return chat.chatId;
    }

    /** A channel; the first member is its creator (the only one who posts). Returns its chat id. */
    public synchronized long addChannel(String title, long... members) {
        long chatId = addGroup(title, true, members);
        FakeChat group = group(chatId);
        FakeChat channel = new FakeChat(FakeChat.Kind.CHANNEL, group.groupId, chatId, title);
        channel.members.addAll(group.members);
        chats.set(chats.indexOf(group), channel);
        return chatId;
    }

    /** A forum supergroup (topics). Returns its chat id. */
    public synchronized long addForum(String title, long... members) {
        long chatId = addGroup(title, true, members);
        group(chatId).isForum = true;
        nextMessage++; // the forum's creation message (not kept): topic ids start after General's (1)
        return chatId;
    }

    /** {@code from} opens a topic in a forum: its first message; returns the topic id (that message's server id). */
    public synchronized int createTopic(long from, long chatId, String name) {
        long messageId = post(from, chatId, (ObjectNode) obj("messageForumTopicCreated").put("name", name)
                .put("is_name_implicit", false), 0);
        int topic = (int) (messageId / ID_STEP);
        group(chatId).message(from, messageId).forumTopicId = topic;
        return topic;
    }

    /** {@code from} writes in a topic of a forum (1: the General topic). Returns the message id. */
    public synchronized long writeInTopic(long from, long chatId, int topic, String text) {
        FakeChat chat = group(chatId);
        FakeMessage m = store(chat, from, FakeJson.text(text), 0);
        m.forumTopicId = topic;
        for (long member : chat.members) {
            ObjectNode update = obj("updateNewMessage");
            update.set("message", FakeJson.message(chat, m, member));
            deliver(member, update);
        }
        return m.id;
    }

    /** {@code from} asks a question; returns the poll's message id. */
    public synchronized long postPoll(long from, long chatId, String question, boolean anonymous,
                                      boolean multipleAnswers, String... answers) {
        ObjectNode poll = obj("poll").put("id", Long.toString(nextMessage * 7 + 1)).put("total_voter_count", 0)
                .put("is_anonymous", anonymous).put("allows_multiple_answers", multipleAnswers)
                .put("allows_revoting", true).put("is_closed", false);
        poll.set("question", FakeJson.text(question).get("text"));
        ArrayNode options = poll.putArray("options");
        for (int i = 0; i < answers.length; i++) {
            ObjectNode option = obj("pollOption").put("id", Integer.toString(i));
            option.set("text", FakeJson.text(answers[i]).get("text"));
            options.add(option);
        }
        poll.set("type", obj("pollTypeRegular"));
        ObjectNode content = obj("messagePoll");
        content.set("poll", poll);
        return post(from, chatId, content, 0);
    }

    /** {@code voter} chooses the options at {@code positions} (none: takes the vote back). */
    public synchronized void vote(long voter, long chatId, long messageId, int... positions) {
        FakeChat chat = chatFor(voter, chatId);
        votedBy(voter, chat, chat.message(voter, messageId), positions);
    }

    /** {@code user} comes online or goes away; every account hears it (as a contact would). */
    public synchronized void setOnline(long user, boolean online) {
        ObjectNode status = online ? obj("userStatusOnline").put("expires", now() + 300)
                : obj("userStatusOffline").put("was_online", now());
        for (long account : accounts.keySet()) {
            if (account != user) {
                ObjectNode update = obj("updateUserStatus").put("user_id", user);
                update.set("status", status.deepCopy());
                deliver(account, update);
            }
        }
    }

    public synchronized void makeAdmin(long chatId, long account) {
        group(chatId).admins.add(account);
    }

    /** The login code last sent to {@code phone}. */
    public synchronized Optional<String> lastCode(String phone) {
        return Optional.ofNullable(codes.get(phone));
    }

    /** The next phone number login is refused with FLOOD_WAIT for {@code seconds}. */
    public synchronized void floodWaitNextLogin(int seconds) {
        floodWait = Optional.of(seconds);
    }

    /** The next message sent is refused after its temporary id, with {@code updateMessageSendFailed}. */
    public synchronized void failNextSend(String message) {
        failNextSend = Optional.of(message);
    }

    /** The QR code's owner confirms it on their phone: {@code link} is what the login showed. */
    public synchronized void scanQr(String link, long account) {
        FakeTdlib.FakeClient client = qrTokens.remove(link);
        if (client == null) {
            throw new IllegalArgumentException("No login shows " + link + " (expired or rotated?)");
        }
        client.account = account;
        FakeAccount a = account(account);
        if (a.password().isPresent()) {
            td.setState(client, "authorizationStateWaitPassword", passwordState(a));
        } else {
            td.ready(client, account);
        }
    }

    /** The QR links logins show now (what a phone would scan). */
    public synchronized List<String> qrLinks() {
        return List.copyOf(qrTokens.keySet());
    }

    /** TDLib's QR link expires: every client waiting for a scan gets a new one. */
    public synchronized void rotateQr() {
        for (FakeTdlib.FakeClient client : List.copyOf(qrTokens.values())) {
            qrTokens.values().remove(client);
            showQr(client);
        }
    }

    /** Every session of {@code account} is terminated from another device. */
    public synchronized void terminateSessions(long account) {
        sessions.values().removeIf(a -> a == account);
        for (FakeTdlib.FakeClient c : td.clientsOf(account)) {
            td.logOut(c);
        }
    }

    /** {@code from} writes {@code text} in the chat it sees as {@code chatId}. Returns the id {@code from} sees. */
    public long write(long from, long chatId, String text) {
        return post(from, chatId, FakeJson.text(text), 0);
    }

    public synchronized long post(long from, long chatId, ObjectNode content, long replyTo) {
        FakeChat chat = chatFor(from, chatId);
        FakeMessage m = store(chat, from, content, replyTo == 0 ? 0 : chat.message(from, replyTo).id);
        for (long member : chat.members) {
            if (chat.unreachable.contains(member)) {
                continue;
            }
            ObjectNode update = obj("updateNewMessage");
            update.set("message", FakeJson.message(chat, m, member));
            deliver(member, update);
        }
        return chat.messageIdFor(m, from);
    }

    /** A file of the fake network, for media contents; returns its file object. */
    public synchronized ObjectNode file(byte[] bytes) {
        int id = nextFile++;
        files.put(id, bytes);
        return FakeTdlib.file(id, bytes.length, null);
    }

    /** {@code from} renames a group: the service message, then updateChatTitle to every member. */
    public synchronized void rename(long from, long chatId, String title) {
        FakeChat chat = group(chatId);
        chat.title = title;
        for (long member : chat.members) {
            deliver(member, obj("updateChatTitle").put("chat_id", chatId).put("title", title));
        }
        post(from, chatId, (ObjectNode) obj("messageChatChangeTitle").put("title", title), 0);
    }

    /** {@code from} sets a group's picture: updateChatPhoto to every member. Returns the picture's file id. */
    public synchronized int setGroupPhoto(long chatId, byte[] bytes) {
        FakeChat chat = group(chatId);
        ObjectNode small = file(bytes);
        ObjectNode big = file(bytes);
        chat.photo = obj("chatPhotoInfo").put("has_animation", false).put("is_personal", false);
        chat.photo.set("small", small);
        chat.photo.set("big", big);
        for (long member : chat.members) {
            ObjectNode update = obj("updateChatPhoto").put("chat_id", chatId);
            update.set("photo", chat.photo.deepCopy());
            deliver(member, update);
        }
        return big.path("id").asInt();
    }

    public synchronized void edit(long from, long chatId, long messageId, String text) {
        FakeChat chat = chatFor(from, chatId);
        FakeMessage m = chat.message(from, messageId);
        m.content = FakeJson.text(text);
        m.editDate = now();
        contentChanged(chat, m);
    }

    public synchronized void delete(long from, long chatId, long... messageIds) {
        FakeChat chat = chatFor(from, chatId);
        List<FakeMessage> gone = new ArrayList<>();
        for (long id : messageIds) {
            gone.add(chat.message(from, id));
        }
        deleted(chat, gone);
    }

    public synchronized void react(long from, long chatId, long messageId, String emoji, boolean add) {
        FakeChat chat = chatFor(from, chatId);
        FakeMessage m = chat.message(from, messageId);
        if (add) {
            m.reactors(emoji).add(from);
        } else {
            m.reactors(emoji).remove(from);
        }
        interactionChanged(chat, m);
    }

    /** {@code reader} reads the private chat up to {@code messageId}; the other side learns it. */
    public synchronized void read(long reader, long chatId, long messageId) {
        readBy(reader, chatFor(reader, chatId), messageId);
    }

    public synchronized void typing(long from, long chatId, boolean typing) {
        chatActionBy(from, chatFor(from, chatId), typing);
    }

    /** What the connector asked of Telegram while logged in to {@code account}, of one request type. */
    public synchronized List<JsonNode> requests(long account, String type) {
        return requests.getOrDefault(account, List.of()).stream()
                .filter(r -> r.path("@type").asText().equals(type)).toList();
    }

    public synchronized List<Long> messageIds(long viewer, long chatId) {
        FakeChat chat = chatFor(viewer, chatId);
        return chat.messages.values().stream().map(m -> chat.messageIdFor(m, viewer)).toList();
    }

    public synchronized Optional<String> textOf(long viewer, long chatId, long messageId) {
        FakeMessage m = chatFor(viewer, chatId).message(viewer, messageId);
        return m == null ? Optional.empty() : Optional.of(m.content.path("text").path("text").asText());
    }

    public synchronized long senderOf(long viewer, long chatId, long messageId) {
        return chatFor(viewer, chatId).message(viewer, messageId).sender;
    }

    public synchronized ObjectNode contentOf(long viewer, long chatId, long messageId) {
        return chatFor(viewer, chatId).message(viewer, messageId).content.deepCopy();
    }

    /** Whether a client is logged in to {@code account} right now. */
    public synchronized boolean isConnected(long account) {
        return !td.clientsOf(account).isEmpty();
    }

    /** The texts of a chat's messages as {@code viewer} sees them, oldest first. */
    /** The forum topic of the message with {@code text} (0: none); fails when there is no such message. */
    public synchronized int topicOf(long viewer, long chatId, String text) {
        return chatFor(viewer, chatId).messages.values().stream()
                .filter(m -> m.content.path("text").path("text").asText().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message '" + text + "' in " + chatId))
                .forumTopicId;
    }

    public synchronized List<String> texts(long viewer, long chatId) {
        return chatFor(viewer, chatId).messages.values().stream()
                .map(m -> m.content.path("text").path("text").asText()).toList();
    }

    /** How many devices (TDLib databases) {@code account} has logged in. */
    public synchronized long sessionCount(long account) {
        return sessions.values().stream().filter(a -> a == account).count();
    }

    public synchronized boolean hasSession(long account) {
        return sessions.containsValue(account);
    }

    // ---- used by FakeRequests and FakeTdlib

    void record(long account, JsonNode request) {
        requests.computeIfAbsent(account, a -> new ArrayList<>()).add(request);
    }

    FakeAccount account(long id) {
        FakeAccount a = accounts.get(id);
        if (a == null) {
            throw new FakeTdlib.FakeError(400, "User not found");
        }
        return a;
    }

    List<FakeChat> chatsOf(long account) {
        return chats.stream().filter(c -> c.members.contains(account)).toList();
    }

    FakeChat group(long chatId) {
        return chats.stream().filter(c -> c.kind != FakeChat.Kind.PRIVATE && c.chatId == chatId).findFirst()
                .orElseThrow(() -> new FakeTdlib.FakeError(400, "Chat not found"));
    }

    /** The chat {@code viewer} calls {@code chatId}: a group, or the private chat with that user. */
    FakeChat chatFor(long viewer, long chatId) {
        if (chatId < 0) {
            FakeChat g = group(chatId);
            if (!g.members.contains(viewer)) {
                throw new FakeTdlib.FakeError(400, "Chat not found");
            }
            return g;
        }
        return chats.stream().filter(c -> c.kind == FakeChat.Kind.PRIVATE && c.members.contains(viewer)
                        && c.members.contains(chatId) && (viewer != chatId || c.members.size() == 1))
                .findFirst().orElseGet(() -> {
                    account(chatId);
                    FakeChat c = new FakeChat(FakeChat.Kind.PRIVATE, 0, 0, "");
                    c.members.add(viewer);
                    if (chatId != viewer) {
                        c.members.add(chatId);
                    }
                    c.title = accounts.get(chatId).firstName();
                    chats.add(c);
                    for (long member : c.members) {
                        ObjectNode update = obj("updateNewChat");
                        update.set("chat", FakeJson.chat(c, member));
                        deliver(member, update);
                    }
                    return c;
                });
    }

    FakeMessage store(FakeChat chat, long from, ObjectNode content, long replyTo) {
        long id = (nextMessage++) * ID_STEP;
        FakeMessage m = new FakeMessage(id, from, now(), replyTo, content);
        chat.messages.put(id, m);
        if (chat.idsPerAccount()) {
            for (long member : chat.members) {
                // each account's own sequence, started apart so that two accounts never agree by chance
                long local = nextLocal.merge(member, 1000 + member % 89 * 100, (a, b) -> a + 1);
                m.localIds.put(member, local * ID_STEP);
            }
        }
        return m;
    }

    long temporaryId() {
        return (nextTemporary++) * ID_STEP + 1;
    }

    void contentChanged(FakeChat chat, FakeMessage m) {
        for (long member : chat.members) {
            long id = chat.messageIdFor(m, member);
            ObjectNode update = obj("updateMessageContent").put("chat_id", chat.idFor(member)).put("message_id", id);
            update.set("new_content", m.content.deepCopy());
            deliver(member, update);
            deliver(member, obj("updateMessageEdited").put("chat_id", chat.idFor(member)).put("message_id", id)
                    .put("edit_date", m.editDate));
        }
    }

    void votedBy(long voter, FakeChat chat, FakeMessage m, int... positions) {
        Set<Integer> chosen = new java.util.TreeSet<>();
        for (int p : positions) {
            chosen.add(p);
        }
        m.votes.put(voter, chosen);
        // user accounts learn of votes as a new content of the poll's message
        for (long member : chat.members) {
            ObjectNode update = obj("updateMessageContent").put("chat_id", chat.idFor(member))
                    .put("message_id", chat.messageIdFor(m, member));
            update.set("new_content", FakeJson.content(m, member));
            deliver(member, update);
        }
    }

    void deleted(FakeChat chat, List<FakeMessage> gone) {
        gone.forEach(m -> chat.messages.remove(m.id));
        for (long member : chat.members) {
            List<Long> ids = gone.stream().map(m -> chat.messageIdFor(m, member)).toList();
            deliver(member, FakeJson.ids("updateDeleteMessages", chat.idFor(member), FakeTdlib.set(ids))
                    .put("is_permanent", true).put("from_cache", false));
        }
    }

    void interactionChanged(FakeChat chat, FakeMessage m) {
        for (long member : chat.members) {
            ObjectNode update = obj("updateMessageInteractionInfo").put("chat_id", chat.idFor(member))
                    .put("message_id", chat.messageIdFor(m, member));
            update.set("interaction_info", FakeJson.interaction(m, member));
            deliver(member, update);
        }
    }

    void readBy(long reader, FakeChat chat, long upTo) {
        if (chat.kind != FakeChat.Kind.PRIVATE) {
            return;
        }
        for (long member : chat.members) {
            if (member != reader) {
                deliver(member, obj("updateChatReadOutbox").put("chat_id", chat.idFor(member))
                        .put("last_read_outbox_message_id", upTo));
            }
        }
    }

    void chatActionBy(long from, FakeChat chat, boolean typing) {
        for (long member : chat.members) {
            if (member != from) {
                ObjectNode update = obj("updateChatAction").put("chat_id", chat.idFor(member));
                update.set("sender_id", obj("messageSenderUser").put("user_id", from));
                update.set("action", obj(typing ? "chatActionTyping" : "chatActionCancel"));
                deliver(member, update);
            }
        }
    }

    void deliver(long account, ObjectNode update) {
        for (FakeTdlib.FakeClient c : td.clientsOf(account)) {
            td.emit(c, update.deepCopy());
        }
    }

    void showQr(FakeTdlib.FakeClient client) {
        byte[] token = new byte[16];
        ThreadLocalRandom.current().nextBytes(token);
        String link = "tg://login?token=" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        qrTokens.put(link, client);
        td.setState(client, "authorizationStateWaitOtherDeviceConfirmation",
                obj("authorizationStateWaitOtherDeviceConfirmation").put("link", link));
    }

    static ObjectNode passwordState(FakeAccount a) {
        return obj("authorizationStateWaitPassword").put("password_hint", a.hint())
                .put("has_recovery_email_address", false).put("has_passport_data", false)
                .put("recovery_email_address_pattern", "");
    }

    static int now() {
        return (int) Instant.now().getEpochSecond();
    }
}

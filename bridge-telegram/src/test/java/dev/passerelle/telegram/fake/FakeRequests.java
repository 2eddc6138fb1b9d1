package dev.passerelle.telegram.fake;

import static dev.passerelle.telegram.fake.FakeJson.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.telegram.fake.FakeTdlib.FakeClient;
import dev.passerelle.telegram.fake.FakeTdlib.FakeError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** One request of one client, as TDLib 1.8.65 answers it (td_api.tl), then the updates that follow it. */
final class FakeRequests {

    private static final java.util.Set<String> WITHOUT_LOGIN = java.util.Set.of("getAuthorizationState", "getOption",
            "setTdlibParameters", "setAuthenticationPhoneNumber", "checkAuthenticationCode",
            "checkAuthenticationPassword", "requestQrCodeAuthentication", "checkAuthenticationBotToken", "logOut",
            "close");

    private final FakeTelegram t;
    private final FakeTdlib td;
    private final FakeClient c;

    FakeRequests(FakeTelegram telegram, FakeTdlib td, FakeClient client) {
        this.t = telegram;
        this.td = td;
        this.c = client;
    }

    JsonNode handle(JsonNode r) {
        String type = r.path("@type").asText();
        if (!WITHOUT_LOGIN.contains(type) && !c.ready()) {
            throw new FakeError(401, "Unauthorized");
        }
        return switch (type) {
            case "getAuthorizationState" -> obj(c.state.isEmpty() ? "authorizationStateWaitTdlibParameters" : c.state);
            case "getOption" -> r.path("name").asText().equals("version")
                    ? obj("optionValueString").put("value", "1.8.65") : obj("optionValueEmpty");
            case "setTdlibParameters" -> tdlibParameters(r);
            case "setAuthenticationPhoneNumber" -> phone(r.path("phone_number").asText());
            case "checkAuthenticationCode" -> code(r.path("code").asText());
            case "checkAuthenticationPassword" -> password(r.path("password").asText());
            case "requestQrCodeAuthentication" -> expect("authorizationStateWaitPhoneNumber");
            case "checkAuthenticationBotToken" -> botToken(r.path("token").asText());
            case "logOut", "close", "viewMessages", "sendChatAction", "addMessageReaction", "removeMessageReaction",
                 "deleteMessages" -> obj("ok");
            case "getMe" -> FakeJson.user(t.account(c.account));
            case "getUser" -> FakeJson.user(t.account(r.path("user_id").asLong()));
            case "getChat" -> FakeJson.chat(t.chatFor(c.account, r.path("chat_id").asLong()), c.account);
            case "createPrivateChat" -> FakeJson.chat(t.chatFor(c.account, r.path("user_id").asLong()), c.account);
            case "searchPublicChat" -> searchPublicChat(r.path("username").asText());
            case "importContacts" -> importContacts(r.path("contacts"));
            case "getBasicGroupFullInfo" -> basicGroupFullInfo(r.path("basic_group_id").asLong());
            case "getSupergroupMembers" -> supergroupMembers(r.path("supergroup_id").asLong());
            case "getMessage" -> message(r.path("chat_id").asLong(), r.path("message_id").asLong());
            case "getChatHistory" -> history(r.path("chat_id").asLong(), r.path("from_message_id").asLong(),
                    r.path("limit").asInt());
            case "sendMessage" -> sendMessage(r);
            case "editMessageText" -> editMessageText(r);
            case "downloadFile" -> td.download(c, r.path("file_id").asInt());
            case "deleteFile" -> td.deleteLocal(c, r.path("file_id").asInt());
            case "setPollAnswer" -> setPollAnswer(r);
            default -> throw new FakeError(400, "The fake TDLib does not implement " + type);
        };
    }

    /** The updates after the answer. */
    void after(JsonNode r, JsonNode answer) {
        if (answer.path("@type").asText().equals("error")) {
            return;
        }
        switch (r.path("@type").asText()) {
            case "setTdlibParameters" -> {
                Long account = t.sessions.get(c.databaseDirectory);
                if (account != null) {
                    td.ready(c, account);
                } else {
                    td.setState(c, "authorizationStateWaitPhoneNumber");
                }
            }
            case "requestQrCodeAuthentication" -> t.showQr(c);
            case "logOut" -> td.logOut(c);
            case "close" -> {
                td.setState(c, "authorizationStateClosing");
                td.setState(c, "authorizationStateClosed");
            }
            case "sendMessage" -> sent(answer);
            case "deleteMessages" -> {
                FakeChat chat = t.chatFor(c.account, r.path("chat_id").asLong());
                List<FakeMessage> gone = new java.util.ArrayList<>();
                for (long id : FakeTdlib.longs(r.path("message_ids"))) {
                    FakeMessage m = chat.message(c.account, id);
                    if (m == null || (m.sender != c.account && !chat.admins.contains(c.account)
                            && chat.members.getFirst() != c.account)) {
                        return; // refused in handle()
                    }
                    gone.add(m);
                }
                t.deleted(chat, gone);
            }
            case "addMessageReaction", "removeMessageReaction" -> {
                FakeChat chat = t.chatFor(c.account, r.path("chat_id").asLong());
                FakeMessage m = chat.message(c.account, r.path("message_id").asLong());
                String emoji = r.path("reaction_type").path("emoji").asText();
                if (r.path("@type").asText().startsWith("add")) {
                    m.reactors(emoji).add(c.account);
                } else {
                    m.reactors(emoji).remove(c.account);
                }
                t.interactionChanged(chat, m);
            }
            case "viewMessages" -> {
                List<Long> ids = FakeTdlib.longs(r.path("message_ids"));
                t.readBy(c.account, t.chatFor(c.account, r.path("chat_id").asLong()),
                        ids.stream().mapToLong(Long::longValue).max().orElse(0));
            }
            case "sendChatAction" -> t.chatActionBy(c.account, t.chatFor(c.account, r.path("chat_id").asLong()),
                    r.path("action").path("@type").asText().equals("chatActionTyping"));
            default -> {
            }
        }
    }

    private JsonNode tdlibParameters(JsonNode r) {
        expect("authorizationStateWaitTdlibParameters");
        if (r.path("api_id").asInt() <= 0 || r.path("api_hash").asText().isEmpty()) {
            throw new FakeError(400, "Valid api_id must be provided. Can be obtained at https://my.telegram.org");
        }
        String dir = r.path("database_directory").asText();
        String key = r.path("database_encryption_key").asText();
        String known = t.databaseKeys.putIfAbsent(dir, key);
        if (known != null && !known.equals(key)) {
            throw new FakeError(401, "Wrong database encryption key");
        }
        c.databaseDirectory = dir;
        c.filesDirectory = r.path("files_directory").asText();
        try {
            Files.createDirectories(Path.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return obj("ok");
    }

    private JsonNode phone(String phone) {
        expect("authorizationStateWaitPhoneNumber");
        if (t.floodWait.isPresent()) {
            int seconds = t.floodWait.get();
            t.floodWait = java.util.Optional.empty();
            throw new FakeError(429, "Too Many Requests: retry after " + seconds);
        }
        String digits = phone.replaceAll("[ ()-]", "");
        if (!digits.matches("\\+?\\d{6,15}")) {
            throw new FakeError(400, "PHONE_NUMBER_INVALID");
        }
        String normalized = digits.startsWith("+") ? digits : "+" + digits;
        c.phone = normalized;
        var account = t.accounts.values().stream().filter(a -> a.phone().equals(normalized)).findFirst();
        if (account.isEmpty()) {
            ObjectNode tos = obj("termsOfService").put("min_user_age", 0).put("show_popup", false);
            tos.set("text", FakeJson.text("Terms").get("text"));
            td.setState(c, "authorizationStateWaitRegistration",
                    (ObjectNode) obj("authorizationStateWaitRegistration").set("terms_of_service", tos));
            return obj("ok");
        }
        String code = Integer.toString(ThreadLocalRandom.current().nextInt(10000, 100000));
        t.codes.put(normalized, code);
        c.account = account.get().id();
        ObjectNode info = obj("authenticationCodeInfo").put("phone_number", normalized).put("timeout", 60);
        info.set("type", obj("authenticationCodeTypeTelegramMessage").put("length", 5));
        ObjectNode state = obj("authorizationStateWaitCode");
        state.set("code_info", info);
        td.setState(c, "authorizationStateWaitCode", state);
        return obj("ok");
    }

    private JsonNode code(String code) {
        expect("authorizationStateWaitCode");
        if (!code.equals(t.codes.get(c.phone))) {
            throw new FakeError(400, "PHONE_CODE_INVALID");
        }
        t.codes.remove(c.phone);
        afterFirstFactor();
        return obj("ok");
    }

    private void afterFirstFactor() {
        FakeAccount a = t.account(c.account);
        if (a.password().isPresent()) {
            td.setState(c, "authorizationStateWaitPassword", FakeTelegram.passwordState(a));
        } else {
            td.ready(c, a.id());
        }
    }

    private JsonNode password(String password) {
        expect("authorizationStateWaitPassword");
        if (!t.account(c.account).password().orElseThrow().equals(password)) {
            throw new FakeError(400, "PASSWORD_HASH_INVALID");
        }
        td.ready(c, c.account);
        return obj("ok");
    }

    private JsonNode botToken(String token) {
        expect("authorizationStateWaitPhoneNumber");
        var bot = t.accounts.values().stream().filter(a -> a.botToken().map(token::equals).orElse(false)).findFirst()
                .orElseThrow(() -> new FakeError(401, "ACCESS_TOKEN_INVALID"));
        td.ready(c, bot.id());
        return obj("ok");
    }

    private JsonNode expect(String state) {
        if (!c.state.equals(state)) {
            throw new FakeError(400, "Unexpected request in " + c.state);
        }
        return obj("ok");
    }

    private JsonNode searchPublicChat(String username) {
        var account = t.accounts.values().stream().filter(a -> a.username().map(username::equalsIgnoreCase)
                .orElse(false)).findFirst().orElseThrow(() -> new FakeError(400, "USERNAME_NOT_OCCUPIED"));
        return FakeJson.chat(t.chatFor(c.account, account.id()), c.account);
    }

    private JsonNode importContacts(JsonNode contacts) {
        ObjectNode out = obj("importedContacts");
        ArrayNode ids = out.putArray("user_ids");
        ArrayNode counts = out.putArray("importer_count");
        for (JsonNode contact : contacts) {
            String phone = contact.path("phone_number").asText();
            String normalized = phone.startsWith("+") ? phone : "+" + phone;
            ids.add(t.accounts.values().stream().filter(a -> a.phone().equals(normalized)).mapToLong(FakeAccount::id)
                    .findFirst().orElse(0));
            counts.add(0);
        }
        return out;
    }

    private ArrayNode members(FakeChat chat) {
        ArrayNode members = FakeTdlib.array();
        for (long m : chat.members) {
            ObjectNode member = obj("chatMember").put("tag", "").put("inviter_user_id", 0).put("joined_chat_date", 0);
            member.set("member_id", obj("messageSenderUser").put("user_id", m));
            ObjectNode status = m == chat.members.getFirst()
                    ? obj("chatMemberStatusCreator").put("is_anonymous", false).put("is_member", true)
                    : chat.admins.contains(m) ? obj("chatMemberStatusAdministrator").put("can_be_edited", false)
                    : obj("chatMemberStatusMember").put("member_until_date", 0);
            member.set("status", status);
            members.add(member);
        }
        return members;
    }

    private JsonNode basicGroupFullInfo(long groupId) {
        FakeChat chat = t.chats.stream().filter(g -> g.kind == FakeChat.Kind.BASIC_GROUP && g.groupId == groupId)
                .findFirst().orElseThrow(() -> new FakeError(400, "Group not found"));
        ObjectNode info = obj("basicGroupFullInfo").put("description", "").put("creator_user_id", chat.members.getFirst());
        info.set("members", members(chat));
        return info;
    }

    private JsonNode supergroupMembers(long supergroupId) {
        FakeChat chat = t.chats.stream().filter(g -> g.kind != FakeChat.Kind.PRIVATE
                        && g.kind != FakeChat.Kind.BASIC_GROUP && g.groupId == supergroupId)
                .findFirst().orElseThrow(() -> new FakeError(400, "Supergroup not found"));
        ObjectNode out = obj("chatMembers").put("total_count", chat.members.size());
        out.set("members", members(chat));
        return out;
    }

    private JsonNode message(long chatId, long messageId) {
        FakeChat chat = t.chatFor(c.account, chatId);
        FakeMessage m = chat.message(c.account, messageId);
        if (m == null) {
            throw new FakeError(404, "Message not found");
        }
        return FakeJson.message(chat, m, c.account);
    }

    /** Newest first, from {@code from} (included; 0 for the newest). */
    private JsonNode history(long chatId, long from, int limit) {
        FakeChat chat = t.chatFor(c.account, chatId);
        List<FakeMessage> all = List.copyOf(chat.messages.values()).reversed();
        ObjectNode out = obj("messages");
        ArrayNode list = out.putArray("messages");
        for (FakeMessage m : all) {
            if ((from == 0 || chat.messageIdFor(m, c.account) <= from) && list.size() < limit) {
                list.add(FakeJson.message(chat, m, c.account));
            }
        }
        out.put("total_count", list.size());
        return out;
    }

    private JsonNode sendMessage(JsonNode r) {
        FakeChat chat = t.chatFor(c.account, r.path("chat_id").asLong());
        ObjectNode content = content(r.path("input_message_content"), r.path("chat_id").asLong());
        long replyTo = r.path("reply_to").path("message_id").asLong(0);
        FakeMessage repliedTo = replyTo == 0 ? null : chat.message(c.account, replyTo);
        if (replyTo != 0 && repliedTo == null) {
            throw new FakeError(400, "Message to be replied not found");
        }
        FakeMessage temporary = new FakeMessage(t.temporaryId(), c.account, FakeTelegram.now(),
                repliedTo == null ? 0 : repliedTo.id, content);
        JsonNode topic = r.path("topic_id");
        if (topic.path("@type").asText().equals("messageTopicForum")) {
            int topicId = topic.path("forum_topic_id").asInt();
            // As Telegram: a topic only exists in a forum, and only once its first message does.
            if (!chat.isForum || chat.message(c.account, (long) topicId * FakeTelegram.ID_STEP) == null) {
                throw new FakeError(400, "Topic not found");
            }
            temporary.forumTopicId = topicId;
        }
        ObjectNode answer = FakeJson.message(chat, temporary, c.account);
        answer.set("sending_state", obj("messageSendingStatePending").put("sending_id", 0));
        return answer;
    }

    /** The pending message, then its fate: final id, or failure. */
    private void sent(JsonNode temporary) {
        long chatId = temporary.path("chat_id").asLong();
        FakeChat chat = t.chatFor(c.account, chatId);
        ObjectNode pending = ((ObjectNode) temporary).deepCopy();
        pending.remove("@extra");
        pending.remove("@client_id");
        ObjectNode update = obj("updateNewMessage");
        update.set("message", pending);
        td.emit(c, update);
        long oldId = temporary.path("id").asLong();
        if (t.failNextSend.isPresent()) {
            String why = t.failNextSend.get();
            t.failNextSend = java.util.Optional.empty();
            ObjectNode failed = pending.deepCopy();
            ObjectNode error = FakeJson.error(403, why);
            ObjectNode state = obj("messageSendingStateFailed").put("can_retry", false);
            state.set("error", error);
            failed.set("sending_state", state);
            ObjectNode f = obj("updateMessageSendFailed").put("old_message_id", oldId);
            f.set("message", failed);
            f.set("error", error);
            td.emit(c, f);
            return;
        }
        long replyTo = pending.path("reply_to").path("message_id").asLong(0);
        FakeMessage m = t.store(chat, c.account, (ObjectNode) pending.get("content"),
                replyTo == 0 ? 0 : chat.message(c.account, replyTo).id);
        m.forumTopicId = pending.path("topic_id").path("forum_topic_id").asInt(0);
        ObjectNode succeeded = obj("updateMessageSendSucceeded").put("old_message_id", oldId);
        succeeded.set("message", FakeJson.message(chat, m, c.account));
        for (FakeClient own : td.clientsOf(c.account)) {
            td.emit(own, succeeded.deepCopy());
        }
        for (long member : chat.members) {
            if (member != c.account) {
                ObjectNode news = obj("updateNewMessage");
                news.set("message", FakeJson.message(chat, m, member));
                t.deliver(member, news);
            }
        }
    }

    private JsonNode editMessageText(JsonNode r) {
        FakeChat chat = t.chatFor(c.account, r.path("chat_id").asLong());
        FakeMessage m = chat.message(c.account, r.path("message_id").asLong());
        if (m == null) {
            throw new FakeError(400, "Message not found");
        }
        if (m.sender != c.account) {
            throw new FakeError(400, "Message can't be edited");
        }
        m.content = content(r.path("input_message_content"), r.path("chat_id").asLong());
        m.editDate = FakeTelegram.now();
        t.contentChanged(chat, m);
        return FakeJson.message(chat, m, c.account);
    }

    /** An input message content → the message content it becomes. Local files are read at once. */
    private ObjectNode content(JsonNode input, long chatId) {
        String type = input.path("@type").asText();
        ObjectNode caption = input.has("caption") ? (ObjectNode) input.get("caption").deepCopy()
                : (ObjectNode) obj("formattedText").put("text", "").set("entities", FakeTdlib.array());
        return switch (type) {
            case "inputMessageText" -> (ObjectNode) obj("messageText").set("text", input.get("text").deepCopy());
            case "inputMessageLocation" -> (ObjectNode) obj("messageLocation").set("location", input.get("location"));
            case "inputMessagePhoto" -> {
                JsonNode p = input.path("photo");
                ObjectNode size = obj("photoSize").put("type", "x").put("width", p.path("width").asInt())
                        .put("height", p.path("height").asInt());
                size.set("photo", upload(p.path("photo")));
                size.putArray("progressive_sizes");
                ObjectNode photo = obj("photo").put("has_stickers", false);
                photo.putArray("sizes").add(size);
                ObjectNode out = obj("messagePhoto");
                out.set("photo", photo);
                out.set("caption", caption);
                yield out;
            }
            case "inputMessageDocument" -> {
                JsonNode file = input.path("document").path("document");
                ObjectNode doc = obj("document").put("file_name", Path.of(file.path("path").asText()).getFileName()
                        .toString()).put("mime_type", "application/octet-stream");
                doc.set("document", upload(file));
                ObjectNode out = obj("messageDocument");
                out.set("document", doc);
                out.set("caption", caption);
                yield out;
            }
            case "inputMessageVoiceNote" -> {
                ObjectNode voice = obj("voiceNote").put("duration", input.path("duration").asInt())
                        .put("waveform", input.path("waveform").asText("")).put("mime_type", "audio/ogg");
                voice.set("voice", upload(input.path("voice_note")));
                ObjectNode out = obj("messageVoiceNote").put("is_listened", false);
                out.set("voice_note", voice);
                out.set("caption", caption);
                yield out;
            }
            case "inputMessageAnimation" -> {
                JsonNode a = input.path("animation");
                ObjectNode animation = obj("animation").put("duration", a.path("duration").asInt())
                        .put("width", a.path("width").asInt()).put("height", a.path("height").asInt())
                        .put("file_name", Path.of(a.path("animation").path("path").asText()).getFileName().toString())
                        .put("mime_type", "video/mp4").put("has_stickers", false);
                animation.set("animation", upload(a.path("animation")));
                ObjectNode out = obj("messageAnimation").put("show_caption_above_media", false)
                        .put("has_spoiler", false).put("is_secret", false);
                out.set("animation", animation);
                out.set("caption", caption);
                yield out;
            }
            case "inputMessagePoll" -> {
                if (input.path("options").size() < 2 || input.path("options").size() > 12) {
                    throw new FakeError(400, "Poll must have between 2 and 12 options");
                }
                if (!input.path("is_anonymous").asBoolean(false)
                        && t.chats.stream().anyMatch(ch -> ch.kind == FakeChat.Kind.CHANNEL
                        && ch.chatId == chatId)) {
                    throw new FakeError(400, "Non-anonymous polls can't be sent to channel chats");
                }
                ObjectNode poll = obj("poll").put("id", Long.toString(ThreadLocalRandom.current().nextLong(1, 1L << 60)))
                        .put("total_voter_count", 0).put("is_anonymous", input.path("is_anonymous").asBoolean(false))
                        .put("allows_multiple_answers", input.path("allows_multiple_answers").asBoolean())
                        .put("is_closed", false);
                poll.set("question", input.get("question").deepCopy());
                ArrayNode options = poll.putArray("options");
                int i = 0;
                for (JsonNode o : input.path("options")) {
                    ObjectNode option = obj("pollOption").put("id", Integer.toString(i++));
                    option.set("text", o.get("text").deepCopy());
                    options.add(option);
                }
                poll.set("type", obj("pollTypeRegular"));
                ObjectNode out = obj("messagePoll").put("can_add_option", false);
                out.set("poll", poll);
                yield out;
            }
            default -> throw new FakeError(400, "The fake TDLib cannot send " + type);
        };
    }

    private JsonNode setPollAnswer(JsonNode r) {
        FakeChat chat = t.chatFor(c.account, r.path("chat_id").asLong());
        FakeMessage m = chat.message(c.account, r.path("message_id").asLong());
        if (m == null || !FakeJson.typeOf(m.content).equals("messagePoll")) {
            throw new FakeError(400, "Message is not a poll");
        }
        int options = m.content.path("poll").path("options").size();
        int[] positions = new int[r.path("option_ids").size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = r.path("option_ids").get(i).asInt();
            if (positions[i] < 0 || positions[i] >= options) {
                throw new FakeError(400, "Invalid option identifier specified");
            }
        }
        if (positions.length > 1 && !m.content.path("poll").path("allows_multiple_answers").asBoolean()) {
            throw new FakeError(400, "Can't choose more than 1 option in the poll");
        }
        t.votedBy(c.account, chat, m, positions);
        return obj("ok");
    }

    private ObjectNode upload(JsonNode inputFile) {
        if (!inputFile.path("@type").asText().equals("inputFileLocal")) {
            throw new FakeError(400, "The fake TDLib uploads local files only");
        }
        try {
            return t.file(Files.readAllBytes(Path.of(inputFile.path("path").asText())));
        } catch (IOException e) {
            throw new FakeError(400, "Can't read file: " + e.getMessage());
        }
    }

}

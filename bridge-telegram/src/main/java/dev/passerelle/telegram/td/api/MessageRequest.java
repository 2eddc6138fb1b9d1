package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** Requests about messages, chats, users and files. */
public interface MessageRequest {

    /**
     * Answers the message with a temporary id; the final one comes with {@code updateMessageSendSucceeded}.
     * {@code topic_id} is null outside a forum topic.
     */
    @JsonTypeName("sendMessage")
    record SendMessage(long chatId, MessageTopic topicId, InputMessageReplyTo replyTo,
                       InputMessageContent inputMessageContent) implements TdRequest<Message> { }

    @JsonTypeName("editMessageText")
    record EditMessageText(long chatId, long messageId, InputMessageContent inputMessageContent)
            implements TdRequest<Message> { }

    @JsonTypeName("deleteMessages")
    record DeleteMessages(long chatId, List<Long> messageIds, boolean revoke) implements TdRequest<Ok> { }

    @JsonTypeName("viewMessages")
    record ViewMessages(long chatId, List<Long> messageIds, boolean forceRead) implements TdRequest<Ok> { }

    @JsonTypeName("sendChatAction")
    record SendChatAction(long chatId, ChatAction action) implements TdRequest<Ok> { }

    @JsonTypeName("addMessageReaction")
    record AddMessageReaction(long chatId, long messageId, ReactionType reactionType, boolean isBig,
                              boolean updateRecentReactions) implements TdRequest<Ok> { }

    @JsonTypeName("removeMessageReaction")
    record RemoveMessageReaction(long chatId, long messageId, ReactionType reactionType) implements TdRequest<Ok> { }

    /** Votes with this account; {@code option_ids} are the options' positions (0-based), empty to retract. */
    @JsonTypeName("setPollAnswer")
    record SetPollAnswer(long chatId, long messageId, List<Integer> optionIds) implements TdRequest<Ok> { }

    @JsonTypeName("getMessage") record GetMessage(long chatId, long messageId) implements TdRequest<Message> { }

    /** Newest first, starting at {@code from_message_id} (0: the newest); {@code offset} -n gets n newer ones too. */
    @JsonTypeName("getChatHistory")
    record GetChatHistory(long chatId, long fromMessageId, int offset, int limit, boolean onlyLocal)
            implements TdRequest<Messages> { }

    @JsonTypeName("getChat") record GetChat(long chatId) implements TdRequest<Chat> { }

    @JsonTypeName("getUser") record GetUser(long userId) implements TdRequest<User> { }

    @JsonTypeName("getBasicGroupFullInfo")
    record GetBasicGroupFullInfo(long basicGroupId) implements TdRequest<BasicGroupFullInfo> { }

    @JsonTypeName("getSupergroupMembers")
    record GetSupergroupMembers(long supergroupId, SupergroupMembersFilter filter, int offset, int limit)
            implements TdRequest<ChatMembers> { }

    @JsonTypeName("searchPublicChat") record SearchPublicChat(String username) implements TdRequest<Chat> { }

    @JsonTypeName("importContacts")
    record ImportContacts(List<ImportedContact> contacts) implements TdRequest<ImportedContacts> { }

    @JsonTypeName("createPrivateChat") record CreatePrivateChat(long userId, boolean force) implements TdRequest<Chat> { }

    /** Removes the file's local copy from TDLib's cache; it can be downloaded again. */
    @JsonTypeName("deleteFile")
    record DeleteFile(int fileId) implements TdRequest<Ok> { }

    /** With {@code synchronous}, answers once the file is downloaded. */
    @JsonTypeName("downloadFile")
    record DownloadFile(int fileId, int priority, long offset, long limit, boolean synchronous)
            implements TdRequest<TdFile> { }
}

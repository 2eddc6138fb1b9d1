package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** Something TDLib tells a client without being asked. Updates the bridge does not use are not read at all. */
public sealed interface Update extends TdObject {

    @JsonTypeName("updateAuthorizationState")
    record AuthorizationStateChanged(AuthorizationState authorizationState) implements Update { }

    @JsonTypeName("updateUser") record UserChanged(User user) implements Update { }

    @JsonTypeName("updateOption") record OptionChanged(String name, OptionValue value) implements Update { }

    @JsonTypeName("updateConnectionState") record ConnectionStateChanged(ConnectionState state) implements Update { }

    @JsonTypeName("updateNewChat") record NewChat(Chat chat) implements Update { }

    @JsonTypeName("updateChatTitle") record ChatTitle(long chatId, String title) implements Update { }

    /** A chat's picture changed; {@code photo} is null when it was removed. */
    @JsonTypeName("updateChatPhoto") record ChatPhoto(long chatId, ChatPhotoInfo photo) implements Update { }

    @JsonTypeName("updateNewMessage") record NewMessage(Message message) implements Update { }

    /** An outgoing message got its final id; {@code old_message_id} was the temporary one. */
    @JsonTypeName("updateMessageSendSucceeded")
    record MessageSendSucceeded(Message message, long oldMessageId) implements Update { }

    @JsonTypeName("updateMessageSendFailed")
    record MessageSendFailed(Message message, long oldMessageId, TdError error) implements Update { }

    @JsonTypeName("updateMessageContent")
    record MessageContentChanged(long chatId, long messageId, MessageContent newContent) implements Update { }

    /** Messages were deleted; {@code from_cache} ones were only dropped from TDLib's cache and still exist. */
    @JsonTypeName("updateDeleteMessages")
    record DeleteMessages(long chatId, List<Long> messageIds, boolean isPermanent, boolean fromCache)
            implements Update { }

    @JsonTypeName("updateMessageInteractionInfo")
    record MessageInteractionInfoChanged(long chatId, long messageId, MessageInteractionInfo interactionInfo)
            implements Update { }

    /** The other side read this account's messages up to {@code last_read_outbox_message_id}. */
    @JsonTypeName("updateChatReadOutbox")
    record ChatReadOutbox(long chatId, long lastReadOutboxMessageId) implements Update { }

    @JsonTypeName("updateUserStatus") record UserStatusChanged(long userId, UserStatus status) implements Update { }

    /** A poll changed; for bots only (user accounts get {@code updateMessageContent} with the poll). */
    @JsonTypeName("updatePoll") record PollChanged(TdPoll poll) implements Update { }

    /** Someone (not this account) changed their vote; for bots only. */
    @JsonTypeName("updatePollAnswer")
    record PollAnswer(@com.fasterxml.jackson.annotation.JsonFormat(
            shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING) long pollId, MessageSender voterId,
                      List<Integer> optionPositions) implements Update { }

    @JsonTypeName("updateChatAction")
    record ChatActionChanged(long chatId, MessageSender senderId, ChatAction action) implements Update { }
}

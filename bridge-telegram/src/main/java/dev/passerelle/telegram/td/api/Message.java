package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A message. {@code sending_state} is set while an outgoing message is pending (its id is then temporary) or
 * failed; {@code reply_to}, {@code topic_id} and {@code content} are null for kinds the bridge does not read.
 */
@JsonTypeName("message")
public record Message(long id, MessageSender senderId, long chatId, MessageSendingState sendingState,
                      boolean isOutgoing, int date, int editDate, MessageReplyTo replyTo, MessageContent content,
                      MessageInteractionInfo interactionInfo, MessageTopic topicId) implements TdObject {
}

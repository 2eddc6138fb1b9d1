package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** What a message answers (replies to stories read as null). */
public sealed interface MessageReplyTo extends TdObject {

    @JsonTypeName("messageReplyToMessage")
    record ToMessage(long chatId, long messageId) implements MessageReplyTo { }
}

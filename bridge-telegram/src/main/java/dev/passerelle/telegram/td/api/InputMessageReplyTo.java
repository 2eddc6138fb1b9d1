package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The message a sent message answers. */
public sealed interface InputMessageReplyTo extends TdObject {

    @JsonTypeName("inputMessageReplyToMessage") record ToMessage(long messageId) implements InputMessageReplyTo { }
}

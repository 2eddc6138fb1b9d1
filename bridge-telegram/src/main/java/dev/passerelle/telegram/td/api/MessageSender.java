package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Who sent a message: a user, or a chat (channel posts, anonymous admins). */
public sealed interface MessageSender extends TdObject {

    @JsonTypeName("messageSenderUser") record User(long userId) implements MessageSender { }

    @JsonTypeName("messageSenderChat") record Chat(long chatId) implements MessageSender { }
}

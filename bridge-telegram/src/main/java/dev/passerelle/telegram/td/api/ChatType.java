package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Private chat, basic group, supergroup or channel, or secret chat. */
public sealed interface ChatType extends TdObject {

    @JsonTypeName("chatTypePrivate") record Private(long userId) implements ChatType { }

    @JsonTypeName("chatTypeBasicGroup") record BasicGroup(long basicGroupId) implements ChatType { }

    @JsonTypeName("chatTypeSupergroup") record Supergroup(long supergroupId, boolean isChannel) implements ChatType { }

    @JsonTypeName("chatTypeSecret") record Secret(int secretChatId, long userId) implements ChatType { }
}

package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("chatMember")
public record ChatMember(MessageSender memberId, ChatMemberStatus status) implements TdObject {
}

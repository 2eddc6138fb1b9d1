package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A member's rank in a group. */
public sealed interface ChatMemberStatus extends TdObject {

    @JsonTypeName("chatMemberStatusCreator") record Creator(boolean isMember) implements ChatMemberStatus { }
    @JsonTypeName("chatMemberStatusAdministrator") record Administrator() implements ChatMemberStatus { }
    @JsonTypeName("chatMemberStatusMember") record Member() implements ChatMemberStatus { }
    @JsonTypeName("chatMemberStatusRestricted") record Restricted(boolean isMember) implements ChatMemberStatus { }
    @JsonTypeName("chatMemberStatusLeft") record Left() implements ChatMemberStatus { }
    @JsonTypeName("chatMemberStatusBanned") record Banned() implements ChatMemberStatus { }
}

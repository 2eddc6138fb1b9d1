package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

@JsonTypeName("chatMembers")
public record ChatMembers(int totalCount, List<ChatMember> members) implements TdObject {
}

package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

@JsonTypeName("basicGroupFullInfo")
public record BasicGroupFullInfo(String description, long creatorUserId, List<ChatMember> members)
        implements TdObject {
}

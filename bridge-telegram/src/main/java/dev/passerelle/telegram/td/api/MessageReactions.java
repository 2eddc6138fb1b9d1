package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

@JsonTypeName("messageReactions")
public record MessageReactions(List<MessageReaction> reactions) implements TdObject {
}

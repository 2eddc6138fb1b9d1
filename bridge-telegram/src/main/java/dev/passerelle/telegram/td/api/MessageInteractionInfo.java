package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Views, forwards and reactions of a message; {@code reactions} is null when there are none. */
@JsonTypeName("messageInteractionInfo")
public record MessageInteractionInfo(MessageReactions reactions) implements TdObject {
}

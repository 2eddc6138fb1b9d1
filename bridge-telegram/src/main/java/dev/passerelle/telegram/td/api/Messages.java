package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** A page of messages (getChatHistory: newest first). */
@JsonTypeName("messages")
public record Messages(int totalCount, List<Message> messages) implements TdObject {
}

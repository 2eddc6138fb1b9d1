package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** One reaction on a message: how many chose it, whether this account did, and who recently did. */
@JsonTypeName("messageReaction")
public record MessageReaction(ReactionType type, int totalCount, boolean isChosen,
                              List<MessageSender> recentSenderIds) implements TdObject {
}

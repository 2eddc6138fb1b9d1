package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** One answer of a poll: {@code is_chosen} when this account chose it; its most recent voters when visible. */
@JsonTypeName("pollOption")
public record PollOption(String id, TdFormattedText text, int voterCount, List<MessageSender> recentVoterIds,
                         boolean isChosen) implements TdObject {
}

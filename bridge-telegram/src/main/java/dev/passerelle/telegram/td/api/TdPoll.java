package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * A poll. {@code options} are in their creation order (their index is what {@code setPollAnswer} takes);
 * {@code recent_voter_ids} of an option are filled for non-anonymous polls whose results this account may see.
 */
@JsonTypeName("poll")
public record TdPoll(@JsonFormat(shape = JsonFormat.Shape.STRING) long id, TdFormattedText question,
                     List<PollOption> options, int totalVoterCount, boolean isAnonymous,
                     boolean allowsMultipleAnswers, PollType type, boolean isClosed) implements TdObject {
}

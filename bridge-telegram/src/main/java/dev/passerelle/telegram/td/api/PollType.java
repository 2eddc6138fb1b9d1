package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A regular poll or a quiz (one or more correct answers, revealed after voting). */
public sealed interface PollType extends TdObject {

    @JsonTypeName("pollTypeRegular") record Regular() implements PollType { }

    @JsonTypeName("pollTypeQuiz") record Quiz() implements PollType { }
}

package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** An answer of a poll to send. */
@JsonTypeName("inputPollOption")
public record InputPollOption(TdFormattedText text) implements TdObject {
}

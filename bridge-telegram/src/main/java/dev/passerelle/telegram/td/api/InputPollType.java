package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The kind of poll to send; the bridge sends regular polls only. */
public sealed interface InputPollType extends TdObject {

    @JsonTypeName("inputPollTypeRegular") record Regular(boolean allowAddingOptions) implements InputPollType { }
}

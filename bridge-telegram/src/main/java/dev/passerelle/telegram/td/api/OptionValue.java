package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** The value of a TDLib option ({@code getOption}, {@code updateOption}). */
public sealed interface OptionValue extends TdObject {

    @JsonTypeName("optionValueBoolean") record Bool(boolean value) implements OptionValue { }
    @JsonTypeName("optionValueEmpty") record Empty() implements OptionValue { }

    @JsonTypeName("optionValueInteger")
    record Integer(@JsonFormat(shape = JsonFormat.Shape.STRING) long value) implements OptionValue { }

    @JsonTypeName("optionValueString") record Text(String value) implements OptionValue { }
}

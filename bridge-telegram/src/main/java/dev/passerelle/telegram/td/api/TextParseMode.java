package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The markup {@code parseTextEntities} reads. */
public sealed interface TextParseMode extends TdObject {

    /** Telegram's Markdown; version 2 is the one with underline, strikethrough, spoiler and escaping. */
    @JsonTypeName("textParseModeMarkdown") record Markdown(int version) implements TextParseMode { }

    @JsonTypeName("textParseModeHTML") record Html() implements TextParseMode { }
}

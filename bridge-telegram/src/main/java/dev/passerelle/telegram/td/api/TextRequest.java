package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Text functions TDLib answers synchronously ({@code td_execute}), without a client. */
public interface TextRequest {

    /** Finds URLs, mentions, hashtags... in plain text. */
    @JsonTypeName("getTextEntities") record GetTextEntities(String text) implements TdRequest<TextEntities> { }

    /** Parses HTML or Telegram Markdown into text and entities. */
    @JsonTypeName("parseTextEntities")
    record ParseTextEntities(String text, TextParseMode parseMode) implements TdRequest<TdFormattedText> { }

    /** Writes formatted text back as Markdown. */
    @JsonTypeName("getMarkdownText")
    record GetMarkdownText(TdFormattedText text) implements TdRequest<TdFormattedText> { }
}

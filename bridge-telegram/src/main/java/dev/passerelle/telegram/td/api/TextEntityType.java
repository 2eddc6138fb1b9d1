package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** What a {@link TextEntity} is. */
public sealed interface TextEntityType extends TdObject {

    @JsonTypeName("textEntityTypeMention") record Mention() implements TextEntityType { }
    @JsonTypeName("textEntityTypeHashtag") record Hashtag() implements TextEntityType { }
    @JsonTypeName("textEntityTypeCashtag") record Cashtag() implements TextEntityType { }
    @JsonTypeName("textEntityTypeBotCommand") record BotCommand() implements TextEntityType { }
    @JsonTypeName("textEntityTypeUrl") record Url() implements TextEntityType { }
    @JsonTypeName("textEntityTypeEmailAddress") record EmailAddress() implements TextEntityType { }
    @JsonTypeName("textEntityTypePhoneNumber") record PhoneNumber() implements TextEntityType { }
    @JsonTypeName("textEntityTypeBankCardNumber") record BankCardNumber() implements TextEntityType { }
    @JsonTypeName("textEntityTypeBold") record Bold() implements TextEntityType { }
    @JsonTypeName("textEntityTypeItalic") record Italic() implements TextEntityType { }
    @JsonTypeName("textEntityTypeUnderline") record Underline() implements TextEntityType { }
    @JsonTypeName("textEntityTypeStrikethrough") record Strikethrough() implements TextEntityType { }
    @JsonTypeName("textEntityTypeSpoiler") record Spoiler() implements TextEntityType { }
    @JsonTypeName("textEntityTypeCode") record Code() implements TextEntityType { }
    @JsonTypeName("textEntityTypePre") record Pre() implements TextEntityType { }
    @JsonTypeName("textEntityTypePreCode") record PreCode(String language) implements TextEntityType { }
    @JsonTypeName("textEntityTypeBlockQuote") record BlockQuote() implements TextEntityType { }
    @JsonTypeName("textEntityTypeExpandableBlockQuote") record ExpandableBlockQuote() implements TextEntityType { }
    @JsonTypeName("textEntityTypeTextUrl") record TextUrl(String url) implements TextEntityType { }
    @JsonTypeName("textEntityTypeMentionName") record MentionName(long userId) implements TextEntityType { }

    @JsonTypeName("textEntityTypeCustomEmoji")
    record CustomEmoji(@JsonFormat(shape = JsonFormat.Shape.STRING) long customEmojiId) implements TextEntityType {
    }

    @JsonTypeName("textEntityTypeMediaTimestamp") record MediaTimestamp(int mediaTimestamp) implements TextEntityType { }
}

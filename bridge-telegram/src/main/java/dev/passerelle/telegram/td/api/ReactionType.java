package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A reaction; custom-emoji and paid reactions read as null. */
public sealed interface ReactionType extends TdObject {

    @JsonTypeName("reactionTypeEmoji") record Emoji(String emoji) implements ReactionType { }
}

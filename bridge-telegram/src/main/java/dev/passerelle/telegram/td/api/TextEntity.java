package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** One styled range of a {@link TdFormattedText}; {@code type} is null for a kind this bridge does not know. */
@JsonTypeName("textEntity")
public record TextEntity(int offset, int length, TextEntityType type) implements TdObject {
}

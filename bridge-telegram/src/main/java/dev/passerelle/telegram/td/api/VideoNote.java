package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A round video message, {@code length} pixels wide and high. */
@JsonTypeName("videoNote")
public record VideoNote(int duration, int length, TdFile video) implements TdObject {
}

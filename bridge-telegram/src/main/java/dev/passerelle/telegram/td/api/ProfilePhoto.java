package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A user's current profile picture. */
@JsonTypeName("profilePhoto")
public record ProfilePhoto(@com.fasterxml.jackson.annotation.JsonFormat(
        shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING) long id, TdFile small, TdFile big)
        implements TdObject {
}

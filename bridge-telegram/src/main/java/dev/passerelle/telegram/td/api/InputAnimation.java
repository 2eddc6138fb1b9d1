package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A GIF or silent looping video to send; duration in seconds, sizes in pixels (0 when unknown). */
@JsonTypeName("inputAnimation")
public record InputAnimation(InputFile animation, int duration, int width, int height) implements TdObject {
}

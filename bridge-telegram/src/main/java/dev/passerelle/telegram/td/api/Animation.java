package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A GIF or a silent MPEG-4 video. */
@JsonTypeName("animation")
public record Animation(int duration, int width, int height, String fileName, String mimeType, TdFile animation)
        implements TdObject {
}

package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("video")
public record Video(int duration, int width, int height, String fileName, String mimeType, TdFile video)
        implements TdObject {
}

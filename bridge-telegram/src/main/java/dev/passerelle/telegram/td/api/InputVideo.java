package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("inputVideo")
public record InputVideo(InputFile video, int duration, int width, int height, boolean supportsStreaming)
        implements TdObject {
}

package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("audio")
public record Audio(int duration, String title, String performer, String fileName, String mimeType, TdFile audio)
        implements TdObject {
}

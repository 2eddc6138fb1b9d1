package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("photoSize")
public record PhotoSize(String type, TdFile photo, int width, int height) implements TdObject {
}

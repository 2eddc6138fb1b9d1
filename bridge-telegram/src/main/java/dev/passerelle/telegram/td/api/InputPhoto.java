package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("inputPhoto")
public record InputPhoto(InputFile photo, int width, int height) implements TdObject {
}

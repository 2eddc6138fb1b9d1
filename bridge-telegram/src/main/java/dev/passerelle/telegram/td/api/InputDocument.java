package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("inputDocument")
public record InputDocument(InputFile document, boolean disableContentTypeDetection) implements TdObject {
}

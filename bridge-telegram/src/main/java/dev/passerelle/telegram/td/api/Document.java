package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("document")
public record Document(String fileName, String mimeType, TdFile document) implements TdObject {
}

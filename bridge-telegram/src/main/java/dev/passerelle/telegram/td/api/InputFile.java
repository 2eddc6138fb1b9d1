package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A file to upload. */
public sealed interface InputFile extends TdObject {

    @JsonTypeName("inputFileLocal") record Local(String path) implements InputFile { }
}

package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Where a file is on this machine, once downloaded. */
@JsonTypeName("localFile")
public record LocalFile(String path, boolean isDownloadingCompleted) implements TdObject {
}

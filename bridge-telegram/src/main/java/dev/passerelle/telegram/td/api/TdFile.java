package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A file TDLib knows: {@code id} is this client's handle, {@code remote.unique_id} the same for everyone and
 * forever; {@code local.path} is set once it is downloaded.
 */
@JsonTypeName("file")
public record TdFile(int id, long size, LocalFile local, RemoteFile remote) implements TdObject {
}

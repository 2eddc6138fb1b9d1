package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("remoteFile")
public record RemoteFile(String id, String uniqueId) implements TdObject {
}

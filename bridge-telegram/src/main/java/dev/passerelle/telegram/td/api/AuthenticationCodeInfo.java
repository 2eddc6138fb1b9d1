package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Where a login code was sent, and how long until another may be asked for. */
@JsonTypeName("authenticationCodeInfo")
public record AuthenticationCodeInfo(String phoneNumber, int timeout) implements TdObject {
}

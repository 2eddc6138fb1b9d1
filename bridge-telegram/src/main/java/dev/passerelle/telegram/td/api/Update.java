package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Something TDLib tells a client without being asked. Updates the bridge does not use are not read at all. */
public sealed interface Update extends TdObject {

    @JsonTypeName("updateAuthorizationState")
    record AuthorizationStateChanged(AuthorizationState authorizationState) implements Update { }

    @JsonTypeName("updateUser") record UserChanged(User user) implements Update { }

    @JsonTypeName("updateOption") record OptionChanged(String name, OptionValue value) implements Update { }
}

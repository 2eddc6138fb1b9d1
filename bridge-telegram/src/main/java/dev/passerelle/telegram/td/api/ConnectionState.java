package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The client's connection to Telegram. */
public sealed interface ConnectionState extends TdObject {

    @JsonTypeName("connectionStateWaitingForNetwork") record WaitingForNetwork() implements ConnectionState { }
    @JsonTypeName("connectionStateConnectingToProxy") record ConnectingToProxy() implements ConnectionState { }
    @JsonTypeName("connectionStateConnecting") record Connecting() implements ConnectionState { }
    @JsonTypeName("connectionStateUpdating") record Updating() implements ConnectionState { }
    @JsonTypeName("connectionStateReady") record Ready() implements ConnectionState { }
}

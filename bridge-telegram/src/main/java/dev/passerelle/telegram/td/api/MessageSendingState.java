package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Why an outgoing message is not sent yet. */
public sealed interface MessageSendingState extends TdObject {

    @JsonTypeName("messageSendingStatePending") record Pending(int sendingId) implements MessageSendingState { }

    @JsonTypeName("messageSendingStateFailed")
    record Failed(TdError error, boolean canRetry) implements MessageSendingState { }
}

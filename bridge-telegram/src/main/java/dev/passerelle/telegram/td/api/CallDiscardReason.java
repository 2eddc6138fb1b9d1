package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** How a one-to-one call ended, for the notice that stands for it in the chat. */
public sealed interface CallDiscardReason extends TdObject {

    @JsonTypeName("callDiscardReasonEmpty") record Empty() implements CallDiscardReason { }

    @JsonTypeName("callDiscardReasonMissed") record Missed() implements CallDiscardReason { }

    @JsonTypeName("callDiscardReasonDeclined") record Declined() implements CallDiscardReason { }

    @JsonTypeName("callDiscardReasonDisconnected") record Disconnected() implements CallDiscardReason { }

    @JsonTypeName("callDiscardReasonHungUp") record HungUp() implements CallDiscardReason { }

    @JsonTypeName("callDiscardReasonUpgradeToGroupCall")
    record UpgradeToGroupCall(String inviteLink) implements CallDiscardReason { }
}

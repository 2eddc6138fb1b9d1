package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Where a client's login stands; TDLib reports each change as {@link Update.AuthorizationStateChanged}. */
public sealed interface AuthorizationState extends TdObject {

    @JsonTypeName("authorizationStateWaitTdlibParameters") record WaitTdlibParameters() implements AuthorizationState { }
    @JsonTypeName("authorizationStateWaitPhoneNumber") record WaitPhoneNumber() implements AuthorizationState { }

    @JsonTypeName("authorizationStateWaitPremiumPurchase")
    record WaitPremiumPurchase(String storeProductId) implements AuthorizationState { }

    @JsonTypeName("authorizationStateWaitEmailAddress") record WaitEmailAddress() implements AuthorizationState { }
    @JsonTypeName("authorizationStateWaitEmailCode") record WaitEmailCode() implements AuthorizationState { }

    @JsonTypeName("authorizationStateWaitCode")
    record WaitCode(AuthenticationCodeInfo codeInfo) implements AuthorizationState { }

    /** QR login: {@code link} is the {@code tg://login?token=...} link to show as a QR code. */
    @JsonTypeName("authorizationStateWaitOtherDeviceConfirmation")
    record WaitOtherDeviceConfirmation(String link) implements AuthorizationState { }

    @JsonTypeName("authorizationStateWaitRegistration") record WaitRegistration() implements AuthorizationState { }

    @JsonTypeName("authorizationStateWaitPassword")
    record WaitPassword(String passwordHint, boolean hasRecoveryEmailAddress) implements AuthorizationState { }

    @JsonTypeName("authorizationStateReady") record Ready() implements AuthorizationState { }
    @JsonTypeName("authorizationStateLoggingOut") record LoggingOut() implements AuthorizationState { }
    @JsonTypeName("authorizationStateClosing") record Closing() implements AuthorizationState { }
    @JsonTypeName("authorizationStateClosed") record Closed() implements AuthorizationState { }
}

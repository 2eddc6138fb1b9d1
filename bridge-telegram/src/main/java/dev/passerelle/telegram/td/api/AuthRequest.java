package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** The requests of a login, a logout and a client's life cycle. */
public interface AuthRequest {

    /**
     * The first request of every client. {@code database_encryption_key} is bytes (base64 in JSON).
     */
    @JsonTypeName("setTdlibParameters")
    record SetTdlibParameters(boolean useTestDc, String databaseDirectory, String filesDirectory,
                              byte[] databaseEncryptionKey, boolean useFileDatabase, boolean useChatInfoDatabase,
                              boolean useMessageDatabase, boolean useSecretChats, int apiId, String apiHash,
                              String systemLanguageCode, String deviceModel, String systemVersion,
                              String applicationVersion) implements TdRequest<Ok> { }

    @JsonTypeName("getAuthorizationState") record GetAuthorizationState() implements TdRequest<AuthorizationState> { }

    @JsonTypeName("setAuthenticationPhoneNumber")
    record SetAuthenticationPhoneNumber(String phoneNumber) implements TdRequest<Ok> { }

    @JsonTypeName("checkAuthenticationCode") record CheckAuthenticationCode(String code) implements TdRequest<Ok> { }

    @JsonTypeName("checkAuthenticationPassword")
    record CheckAuthenticationPassword(String password) implements TdRequest<Ok> { }

    @JsonTypeName("requestQrCodeAuthentication")
    record RequestQrCodeAuthentication(List<Long> otherUserIds) implements TdRequest<Ok> { }

    @JsonTypeName("checkAuthenticationBotToken")
    record CheckAuthenticationBotToken(String token) implements TdRequest<Ok> { }

    @JsonTypeName("logOut") record LogOut() implements TdRequest<Ok> { }

    @JsonTypeName("close") record Close() implements TdRequest<Ok> { }

    @JsonTypeName("getMe") record GetMe() implements TdRequest<User> { }

    @JsonTypeName("getOption") record GetOption(String name) implements TdRequest<OptionValue> { }
}

package dev.passerelle.telegram;

import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.telegram.td.api.Chat;
import dev.passerelle.telegram.td.api.ChatType;

/**
 * Telegram ids as the bridge keeps them. Chat ids are TDLib's (positive for private chats — the user's id —,
 * negative for groups, supergroups and channels); message ids are TDLib's (they grow within a chat); user ids are
 * Telegram's. A private chat is one account's view, so its portal belongs to the login; every other chat is shared
 * by every Matrix user in it.
 */
final class TelegramIds {

    private TelegramIds() {
    }

    static PortalRef portal(Chat chat, String loginId) {
        return chat.type() instanceof ChatType.Private || chat.type() instanceof ChatType.Secret
                ? PortalRef.ofLogin(Long.toString(chat.id()), loginId)
                : PortalRef.shared(Long.toString(chat.id()));
    }

    static long chatId(String chatId) throws NetworkException {
        return number(chatId, "chat");
    }

    static long messageId(String messageId) throws NetworkException {
        return number(messageId, "message");
    }

    static long number(String id, String what) throws NetworkException {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NetworkException("'" + id + "' is not a Telegram " + what + " id", false);
        }
    }
}

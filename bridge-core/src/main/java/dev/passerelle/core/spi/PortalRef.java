package dev.passerelle.core.spi;

/**
 * Which portal a chat is, seen from the network: the chat id plus the receiver. Chats every member sees alike
 * (groups, channels) are shared: one portal for every Matrix user in them ({@code receiver} empty). Chats that are
 * one account's view (DMs: the chat id is the other person) belong to one login ({@code receiver} = its login id),
 * so two Matrix users talking to the same contact get two portals.
 */
public record PortalRef(String chatId, String receiver) {

    public static PortalRef shared(String chatId) {
        return new PortalRef(chatId, "");
    }

    public static PortalRef ofLogin(String chatId, String loginId) {
        return new PortalRef(chatId, loginId);
    }

    public boolean isShared() {
        return receiver.isEmpty();
    }
}

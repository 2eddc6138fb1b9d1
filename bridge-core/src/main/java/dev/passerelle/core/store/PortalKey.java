package dev.passerelle.core.store;

import java.util.Objects;

/**
 * Identifies a portal: a remote chat as seen by one login ({@code receiver} = that login's id) or by everyone
 * ({@code receiver} empty). Networks where a DM has a different id for each side (most of them) key DMs per login;
 * groups and channels are shared so that all logins in them meet in one Matrix room.
 *
 * @param network  the connector id, e.g. {@code telegram}
 * @param chatId   the remote chat id, opaque to the core
 * @param receiver the login id for a per-login chat, {@code ""} for a shared one
 */
public record PortalKey(String network, String chatId, String receiver) {

    public PortalKey {
        IdChecks.requireId(network, "network");
        IdChecks.requireId(chatId, "chatId");
        Objects.requireNonNull(receiver, "receiver (use \"\" for a shared chat)");
    }

    /** A chat all logins share (groups, channels). */
    public static PortalKey shared(String network, String chatId) {
        return new PortalKey(network, chatId, "");
    }

    /** A chat that exists once per login (a DM seen from that login). */
    public static PortalKey perLogin(LoginKey login, String chatId) {
        return new PortalKey(login.network(), chatId, login.loginId());
    }

    public boolean isShared() {
        return receiver.isEmpty();
    }
}

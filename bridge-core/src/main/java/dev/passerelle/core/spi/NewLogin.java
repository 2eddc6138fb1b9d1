package dev.passerelle.core.spi;

/**
 * A login that has just succeeded.
 *
 * @param loginId    the remote account's stable id (e.g. the Telegram user id); one Matrix user may hold several
 * @param remoteName how the account is called on the network, for {@code list-logins} (a name or phone number)
 * @param secret     what the connector needs to resume the session (keys, tokens, cookies); stored encrypted, handed
 *                   back in {@link StoredLogin#secret()}; may be empty when the connector keeps its session elsewhere
 */
public record NewLogin(String loginId, String remoteName, byte[] secret) {
}

package dev.passerelle.core.spi;

/**
 * A login as the bridge stored it, to load its client from.
 *
 * @param loginId    the remote account's id
 * @param userId     the Matrix user who owns it
 * @param remoteName the account's name on the network
 * @param secret     the session secret given in {@link NewLogin#secret()}, decrypted
 */
public record StoredLogin(String loginId, String userId, String remoteName, byte[] secret) {
}

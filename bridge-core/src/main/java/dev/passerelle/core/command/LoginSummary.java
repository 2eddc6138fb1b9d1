package dev.passerelle.core.command;

import dev.passerelle.core.spi.LoginState;

/**
 * One of a user's logins, as {@code list-logins} and {@code ping} show it.
 *
 * @param network    the connector id
 * @param loginId    the remote account's id ({@code logout <loginId>} names it)
 * @param remoteName the account's name on the network
 * @param state      the client's latest reported state
 */
public record LoginSummary(String network, String loginId, String remoteName, LoginState state) {
}

package dev.passerelle.core.spi;

import java.util.Optional;

/**
 * A network user's profile, for their ghost.
 *
 * @param name   how they are called (the ghost's display name); empty when the network shows none
 * @param avatar their picture, if any
 * @param isBot  whether the account is a bot on the network
 */
public record UserInfo(Optional<String> name, Optional<RemoteAvatar> avatar, boolean isBot) {
}

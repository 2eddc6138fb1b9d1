package dev.passerelle.telegram;

import dev.passerelle.core.spi.RemoteAvatar;
import dev.passerelle.core.spi.UserInfo;
import dev.passerelle.telegram.td.api.User;
import dev.passerelle.telegram.td.api.UserType;
import java.util.Optional;

/** A Telegram user → the profile of their ghost: name, picture (fetched only when it changed), bot or not. */
final class UserInfoFetcher {

    private UserInfoFetcher() {
    }

    static UserInfo info(User user, TelegramFiles files) {
        Optional<String> name = user.type() instanceof UserType.Deleted ? Optional.of("Deleted account")
                : Optional.of(user.displayName()).filter(n -> !n.isBlank()).or(user::username);
        Optional<RemoteAvatar> avatar = Optional.ofNullable(user.profilePhoto())
                .filter(p -> p.big() != null)
                .map(p -> files.avatar(p.big()));
        return new UserInfo(name, avatar, user.type() instanceof UserType.Bot);
    }
}

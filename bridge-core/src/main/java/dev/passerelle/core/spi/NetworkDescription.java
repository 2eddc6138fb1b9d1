package dev.passerelle.core.spi;

import java.util.Optional;

/**
 * How a network appears on Matrix.
 *
 * @param displayName     the network's name for people ({@code Telegram})
 * @param botLocalpart    localpart of this network's bot, e.g. {@code telegrambot}; users DM it to log in
 * @param botDisplayname  the bot's display name
 * @param botAvatar       an {@code mxc://} URI for the bot's avatar, if any
 * @param ghostPrefix     localpart prefix of ghosts, e.g. {@code telegram_}: ghost {@code 123} is
 *                        {@code @telegram_123:server}; the registration claims {@code @<prefix>.*} exclusively
 * @param aliasPrefix     prefix of portal room aliases, e.g. {@code telegram_}
 * @param networkUrl      the network's home page, shown in the {@code m.bridge} state event
 */
public record NetworkDescription(
        String displayName,
        String botLocalpart,
        String botDisplayname,
        Optional<String> botAvatar,
        String ghostPrefix,
        String aliasPrefix,
        String networkUrl) {
}

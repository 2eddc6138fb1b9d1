package dev.passerelle.telegram.format;

import java.util.Optional;

/**
 * Mentions of the bridge's Telegram ghosts ({@code @telegram_<user id>:<server>}). Matrix → Telegram needs only the
 * ghost prefix: a pill of a ghost becomes a mention of that Telegram user. Telegram → Matrix would need the
 * homeserver's domain to name the ghost, which connectors are not given ({@code ConnectorContext}); those mentions
 * stay text until it is.
 */
public final class GhostMentions implements Mentions {

    private final String prefix;

    /** @param ghostPrefix the connector's ghost localpart prefix, e.g. {@code telegram_} */
    public GhostMentions(String ghostPrefix) {
        this.prefix = "@" + ghostPrefix;
    }

    @Override
    public Optional<String> matrixUser(long telegramUserId) {
        return Optional.empty();
    }

    @Override
    public Optional<String> matrixUserByUsername(String username) {
        return Optional.empty();
    }

    @Override
    public Optional<Long> telegramUser(String matrixUserId) {
        int colon = matrixUserId.indexOf(':');
        if (!matrixUserId.startsWith(prefix) || colon < 0) {
            return Optional.empty();
        }
        String id = matrixUserId.substring(prefix.length(), colon);
        return id.matches("[1-9][0-9]{0,18}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
    }
}

package dev.passerelle.telegram.format;

import dev.passerelle.core.spi.GhostUserIds;
import java.util.Optional;
import java.util.function.Function;

/**
 * Mentions of the bridge's Telegram ghosts ({@code @telegram_<user id>:<server>}): a Telegram mention of a user
 * becomes a pill of their ghost (named by the engine), and a pill of a ghost becomes a mention of that Telegram user
 * (which needs only the ghost prefix, so it works without a homeserver too).
 */
public final class GhostMentions implements Mentions {

    private final String prefix;
    private final GhostUserIds ghosts;
    private final Function<String, Optional<Long>> usernames;

    /** Without a way to look usernames up: {@code @username} mentions stay text. */
    public GhostMentions(String ghostPrefix, GhostUserIds ghosts) {
        this(ghostPrefix, ghosts, username -> Optional.empty());
    }

    /**
     * @param ghostPrefix the connector's ghost localpart prefix, e.g. {@code telegram_}
     * @param ghosts      the engine's names of the ghosts ({@link GhostUserIds#NONE} without a homeserver)
     * @param usernames   a {@code @username}'s Telegram user id, when it is a user's (may ask Telegram)
     */
    public GhostMentions(String ghostPrefix, GhostUserIds ghosts, Function<String, Optional<Long>> usernames) {
        this.prefix = "@" + ghostPrefix;
        this.ghosts = ghosts;
        this.usernames = usernames;
    }

    @Override
    public Optional<String> matrixUser(long telegramUserId) {
        return ghosts.userId(Long.toString(telegramUserId));
    }

    @Override
    public Optional<String> matrixUserByUsername(String username) {
        return usernames.apply(username).flatMap(this::matrixUser);
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

package dev.passerelle.core.command;

import dev.passerelle.core.command.LoginConversation.LoginStart;
import dev.passerelle.core.spi.LoginProcess;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The logins in progress, at most one per (user, network), each on its own virtual thread. Thread-safe. */
final class LoginConversations {
    /** A login that shows no progress for this long is cancelled. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Map<Key, LoginConversation> active = new ConcurrentHashMap<>();
    private final CommandTarget target;
    private final Duration timeout;

    LoginConversations(CommandTarget target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
    }

    /** Whether the user has a login to {@code network} in progress. */
    boolean inProgress(String userId, String network) {
        return active.containsKey(new Key(userId, network));
    }

    /**
     * Starts driving {@code process} in the room; false (and the process closed) when the user already has a login
     * to that network in progress.
     */
    boolean start(LoginStart start, LoginProcess process, BotSender bot) {
        Key key = new Key(start.userId(), start.network());
        LoginConversation[] created = new LoginConversation[1];
        active.computeIfAbsent(key, k -> created[0] = new LoginConversation(start, process, bot, target, timeout,
                () -> active.remove(k, created[0])));
        if (created[0] == null) {
            process.close();
            return false;
        }
        Thread.ofVirtual().name("login-" + start.network()).start(created[0]);
        return true;
    }

    /** Hands a message to the user's login in that room; false when it is not an answer to an open question. */
    boolean answer(String userId, String network, String roomId, String text, String eventId) {
        LoginConversation c = active.get(new Key(userId, network));
        return c != null && c.roomId().equals(roomId) && c.answer(text, eventId);
    }

    /** Cancels the user's login to {@code network}; false when there was none. */
    boolean cancel(String userId, String network) {
        LoginConversation c = active.get(new Key(userId, network));
        if (c == null) {
            return false;
        }
        c.cancel();
        return true;
    }

    private record Key(String userId, String network) {
    }
}

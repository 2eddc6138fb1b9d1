package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.SharedLogin;
import java.util.ArrayList;
import java.util.List;

/**
 * The Matrix users who act for a login: its owner, and when its client is a {@link SharedLogin}, the users it is
 * shared with (a Messenger Page's team). They are invited to the login's portals and their messages there are
 * carried by the login.
 */
final class SharedUsers {

    private SharedUsers() {
    }

    /** The owner first, then the users the login is shared with; no duplicates. */
    static List<String> of(ActiveLogin login) {
        List<String> users = new ArrayList<>();
        users.add(login.userId());
        if (login.client() instanceof SharedLogin shared) {
            shared.sharedWith().stream().sorted().filter(u -> !users.contains(u)).forEach(users::add);
        }
        return users;
    }

    /** Whether {@code userId} may act for the login: its owner, or a user it is shared with. */
    static boolean mayAct(ActiveLogin login, String userId) {
        return login.userId().equals(userId)
                || login.client() instanceof SharedLogin shared && shared.isSharedWith(userId);
    }
}

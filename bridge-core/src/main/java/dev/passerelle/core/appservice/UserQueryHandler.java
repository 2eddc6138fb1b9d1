package dev.passerelle.core.appservice;

/**
 * Answers the homeserver's {@code GET /users/{userId}}: whether a user in the bridge's namespace exists. Called on a
 * virtual thread; may block (a handler that says yes must first register the user with the Client-Server API).
 */
public interface UserQueryHandler {

    /** @return true when the user exists (answered 200 {@code {}}), false for 404 {@code M_NOT_FOUND} */
    boolean userExists(String userId) throws Exception;

    /** Knows only the bridge bot: the engine replaces this once it can create ghosts on demand. */
    static UserQueryHandler onlyBot(String botUserId) {
        return botUserId::equals;
    }
}

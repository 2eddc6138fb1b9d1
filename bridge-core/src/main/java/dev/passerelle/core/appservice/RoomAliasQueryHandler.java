package dev.passerelle.core.appservice;

/**
 * Answers the homeserver's {@code GET /rooms/{roomAlias}}: whether a room alias in the bridge's namespace exists.
 * Called on a virtual thread; may block (a handler that says yes must first create the room and its alias).
 */
public interface RoomAliasQueryHandler {

    /** @return true when the alias exists (answered 200 {@code {}}), false for 404 {@code M_NOT_FOUND} */
    boolean aliasExists(String roomAlias) throws Exception;

    /** Knows no alias. */
    static RoomAliasQueryHandler none() {
        return alias -> false;
    }
}

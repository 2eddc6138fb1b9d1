package dev.passerelle.core.config;

/** What a Matrix user may do with the bridge, in increasing order of power. */
public enum PermissionLevel {
    /** Nothing: the bridge ignores the user (no commands, nothing bridged). */
    BLOCK,
    /** May talk in portals where a relay bot sends for them, but may not log in. */
    RELAY,
    /** May log in with their own accounts. */
    USER,
    /** May manage the bridge and other users' logins. */
    ADMIN;

    public boolean atLeast(PermissionLevel other) {
        return compareTo(other) >= 0;
    }
}

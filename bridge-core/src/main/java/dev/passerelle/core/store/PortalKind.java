package dev.passerelle.core.store;

/** What sort of chat a portal is; decides how its room is created and named. */
public enum PortalKind {
    /** A one-to-one chat; the room takes the other user's name and avatar. */
    DM,
    /** A chat with several members who may all write. */
    GROUP,
    /** A broadcast chat where few may write (a Telegram channel). */
    CHANNEL,
    /** A container of other chats (a community), bridged as a Matrix space. */
    SPACE;

    String dbValue() {
        return name().toLowerCase();
    }

    static PortalKind fromDb(String value) {
        for (PortalKind kind : values()) {
            if (kind.dbValue().equals(value)) {
                return kind;
            }
        }
        throw new IllegalStateException("portal.kind holds \"" + value + "\", which this bridge version does not know;"
                + " expected one of dm, group, channel, space. Was the database written by a newer version?");
    }
}

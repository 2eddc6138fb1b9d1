package dev.passerelle.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A chat that moved to another id on its network (a Telegram group upgraded to a supergroup).
 *
 * @param from      the portal under its old chat id (it keeps the messages bridged before the move, and no room)
 * @param newChatId the chat id it moved to, on the same network and receiver
 * @param movedAt   when the bridge followed the move (to the millisecond)
 */
public record PortalMove(PortalKey from, String newChatId, Instant movedAt) {

    public PortalMove {
        Objects.requireNonNull(from, "from");
        IdChecks.requireId(newChatId, "newChatId");
        movedAt = Millis.exact(movedAt);
    }

    /** The portal it moved to. */
    public PortalKey to() {
        return new PortalKey(from.network(), newChatId, from.receiver());
    }
}

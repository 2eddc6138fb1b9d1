package dev.passerelle.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote chat and the Matrix room it is bridged to.
 *
 * @param key          network, chat id and receiver
 * @param roomId       the Matrix room; empty until the room has been created
 * @param kind         DM, group, channel or space
 * @param name         the chat's name as last bridged; empty when it has none (DMs take the other user's name)
 * @param topic        the chat's description as last bridged
 * @param avatarMxc    the {@code mxc://} URI of the uploaded avatar
 * @param avatarId     the remote avatar's id or hash; when the network reports the same one, the avatar is not
 *                     downloaded and uploaded again
 * @param dmUserId     for a DM, the remote user at the other end
 * @param parentChatId a remote parent chat (community, forum) on the same network and receiver
 * @param relayLoginId the login that relays for Matrix users without their own login; empty when relay mode is off
 * @param metadata     JSON that only the connector reads
 * @param createdAt    when the portal was first stored (kept on update; to the millisecond)
 */
public record PortalRow(PortalKey key, Optional<String> roomId, PortalKind kind, Optional<String> name,
        Optional<String> topic, Optional<String> avatarMxc, Optional<String> avatarId, Optional<String> dmUserId,
        Optional<String> parentChatId, Optional<String> relayLoginId, Optional<String> metadata, Instant createdAt) {

    public PortalRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(avatarMxc, "avatarMxc");
        Objects.requireNonNull(avatarId, "avatarId");
        Objects.requireNonNull(dmUserId, "dmUserId");
        Objects.requireNonNull(parentChatId, "parentChatId");
        Objects.requireNonNull(relayLoginId, "relayLoginId");
        Objects.requireNonNull(metadata, "metadata");
        createdAt = Millis.exact(createdAt);
    }

    /** A portal seen for the first time: no room yet and nothing known about it but its kind. */
    public static PortalRow discovered(PortalKey key, PortalKind kind, Instant now) {
        Optional<String> none = Optional.empty();
        return new PortalRow(key, none, kind, none, none, none, none, none, none, none, none, now);
    }

    public PortalRow withRoomId(String roomId) {
        return new PortalRow(key, Optional.of(roomId), kind, name, topic, avatarMxc, avatarId, dmUserId, parentChatId,
                relayLoginId, metadata, createdAt);
    }

    public PortalRow withInfo(Optional<String> name, Optional<String> topic) {
        return new PortalRow(key, roomId, kind, name, topic, avatarMxc, avatarId, dmUserId, parentChatId,
                relayLoginId, metadata, createdAt);
    }

    public PortalRow withAvatar(Optional<String> avatarMxc, Optional<String> avatarId) {
        return new PortalRow(key, roomId, kind, name, topic, avatarMxc, avatarId, dmUserId, parentChatId,
                relayLoginId, metadata, createdAt);
    }

    /** This portal with {@code relayLoginId} as its relay login; empty turns relay mode off. */
    public PortalRow withRelayLoginId(Optional<String> relayLoginId) {
        return new PortalRow(key, roomId, kind, name, topic, avatarMxc, avatarId, dmUserId, parentChatId,
                relayLoginId, metadata, createdAt);
    }
}

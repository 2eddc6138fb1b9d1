package dev.passerelle.core.spi;

import java.util.List;
import java.util.Optional;

/**
 * The facts of a chat that its portal room shows.
 *
 * @param kind       DM, group or channel: decides room settings ({@code is_direct}, who may talk)
 * @param name       the chat's name; for a DM empty (the room is named after the other person)
 * @param topic      its description, if any
 * @param avatar     its picture, if any
 * @param members    who is in it, with their power; may be partial for big chats
 * @param dmPartner  for a DM, the other person
 */
public record ChatInfo(ChatKind kind, Optional<String> name, Optional<String> topic, Optional<RemoteAvatar> avatar,
                       List<ChatMember> members, Optional<String> dmPartner) {

    public enum ChatKind { DM, GROUP, CHANNEL }

    /**
     * @param remoteUserId the member
     * @param role         what they may do in the chat
     */
    public record ChatMember(String remoteUserId, Role role) {
    }

    /** Mapped to Matrix power levels: member 0, moderator 50, admin 75, owner 95 (the bridge bot keeps 100). */
    public enum Role { MEMBER, MODERATOR, ADMIN, OWNER }
}

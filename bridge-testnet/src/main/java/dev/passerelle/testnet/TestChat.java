package dev.passerelle.testnet;

import dev.passerelle.core.spi.ChatInfo.ChatKind;
import dev.passerelle.core.spi.ChatInfo.ChatMember;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A group or channel on the test network. DMs are not stored as chats: from login {@code a}, chat id {@code b} is
 * the DM with account {@code b} (the chat id of a DM is the other person, as {@link dev.passerelle.core.spi.PortalRef}
 * expects).
 *
 * @param id      chat id; must not be the id of an account
 * @param kind    {@link ChatKind#GROUP} or {@link ChatKind#CHANNEL}
 * @param members who is in it with their role
 */
public record TestChat(String id, ChatKind kind, String name, Optional<String> topic, Optional<byte[]> avatar,
                       List<ChatMember> members) {

    public TestChat {
        Objects.requireNonNull(id, "id");
        if (kind == ChatKind.DM) {
            throw new IllegalArgumentException("DMs are implicit: from login a, chat id b is the DM with account b");
        }
        members = List.copyOf(members);
    }

    /** A group without topic or avatar. */
    public static TestChat group(String id, String name, List<ChatMember> members) {
        return new TestChat(id, ChatKind.GROUP, name, Optional.empty(), Optional.empty(), members);
    }

    public TestChat withName(String newName) {
        return new TestChat(id, kind, newName, topic, avatar, members);
    }

    public TestChat withTopic(String newTopic) {
        return new TestChat(id, kind, name, Optional.of(newTopic), avatar, members);
    }

    public TestChat withAvatar(byte[] bytes) {
        return new TestChat(id, kind, name, topic, Optional.of(bytes.clone()), members);
    }

    public TestChat withMembers(List<ChatMember> newMembers) {
        return new TestChat(id, kind, name, topic, avatar, newMembers);
    }

    /** Whether {@code accountId} is a member. */
    public boolean hasMember(String accountId) {
        return members.stream().anyMatch(m -> m.remoteUserId().equals(accountId));
    }
}

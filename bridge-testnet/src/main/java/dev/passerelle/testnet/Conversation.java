package dev.passerelle.testnet;

import dev.passerelle.core.spi.ChatInfo.ChatKind;
import dev.passerelle.core.spi.PortalRef;
import java.util.List;
import java.util.Optional;

/**
 * A chat resolved from one viewer's chat id: a group or channel (shared by its members) or the DM between two
 * accounts (each sees the other's id as the chat id).
 *
 * @param key     the world's key of its history, the same for both sides of a DM
 * @param chat    the group or channel; empty for a DM
 * @param members account ids in it
 */
record Conversation(String key, ChatKind kind, Optional<TestChat> chat, List<String> members) {

    static Conversation ofChat(TestChat chat) {
        List<String> ids = chat.members().stream().map(m -> m.remoteUserId()).toList();
        return new Conversation("chat:" + chat.id(), chat.kind(), Optional.of(chat), ids);
    }

    static Conversation dm(String a, String b) {
        String first = a.compareTo(b) <= 0 ? a : b;
        String second = first.equals(a) ? b : a;
        return new Conversation("dm:" + first + "\u0000" + second, ChatKind.DM, Optional.empty(), List.of(a, b));
    }

    /** The chat id {@code viewer} knows it by. */
    String chatIdFor(String viewer) {
        return chat.map(TestChat::id).orElseGet(() -> otherThan(viewer));
    }

    /** Its portal as {@code viewer}'s client reports it: shared for groups, the viewer's own for DMs. */
    PortalRef portalFor(String viewer) {
        return chat.map(c -> PortalRef.shared(c.id())).orElseGet(() -> PortalRef.ofLogin(otherThan(viewer), viewer));
    }

    private String otherThan(String viewer) {
        return members.get(0).equals(viewer) ? members.get(1) : members.get(0);
    }
}

package dev.passerelle.telegram.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat of the fake network: a private chat between two accounts (each sees the other's id as the chat id), a
 * basic group or a supergroup/channel (one negative id for everyone). Holds its messages.
 */
final class FakeChat {

    enum Kind { PRIVATE, BASIC_GROUP, SUPERGROUP, CHANNEL, SECRET }

    final Kind kind;
    final long groupId; // basic group, supergroup or secret chat id; 0 for a private chat
    boolean isForum;
    final long chatId;  // the group's chat id; 0 for a private chat
    String title;
    final Map<Long, String> titles = new java.util.HashMap<>(); // per viewer, when it differs (secret chats)
    com.fasterxml.jackson.databind.node.ObjectNode photo; // chatPhotoInfo, or null
    final List<Long> members = new ArrayList<>(); // first is the creator
    final List<Long> admins = new ArrayList<>();
    final java.util.Set<Long> unreachable = new java.util.HashSet<>(); // see FakeTelegram#setUnreachable
    final Map<Long, FakeMessage> messages = new LinkedHashMap<>();

    FakeChat(Kind kind, long groupId, long chatId, String title) {
        this.kind = kind;
        this.groupId = groupId;
        this.chatId = chatId;
        this.title = title;
    }

    /**
     * Whether each account numbers this chat's messages on its own: Telegram does so for basic groups (and private
     * chats, which the fake simplifies to one id, as each side's portal is its own anyway).
     */
    boolean idsPerAccount() {
        return kind == Kind.BASIC_GROUP;
    }

    /** The id {@code viewer} knows {@code m} by. */
    long messageIdFor(FakeMessage m, long viewer) {
        return idsPerAccount() ? m.localIds.getOrDefault(viewer, m.id) : m.id;
    }

    /** The message {@code viewer} calls {@code id}, or null. */
    FakeMessage message(long viewer, long id) {
        if (!idsPerAccount()) {
            return messages.get(id);
        }
        return messages.values().stream().filter(m -> messageIdFor(m, viewer) == id).findFirst().orElse(null);
    }

    /** The chat id {@code viewer} sees. */
    long idFor(long viewer) {
        return kind == Kind.PRIVATE ? members.stream().filter(m -> m != viewer).findFirst().orElse(viewer) : chatId;
    }
}

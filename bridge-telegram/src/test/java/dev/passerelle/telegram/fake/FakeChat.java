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

    enum Kind { PRIVATE, BASIC_GROUP, SUPERGROUP, CHANNEL }

    final Kind kind;
    final long groupId; // basic group or supergroup id; 0 for a private chat
    final long chatId;  // the group's chat id; 0 for a private chat
    String title;
    com.fasterxml.jackson.databind.node.ObjectNode photo; // chatPhotoInfo, or null
    final List<Long> members = new ArrayList<>(); // first is the creator
    final List<Long> admins = new ArrayList<>();
    final Map<Long, FakeMessage> messages = new LinkedHashMap<>();

    FakeChat(Kind kind, long groupId, long chatId, String title) {
        this.kind = kind;
        this.groupId = groupId;
        this.chatId = chatId;
        this.title = title;
    }

    /** The chat id {@code viewer} sees. */
    long idFor(long viewer) {
        return kind == Kind.PRIVATE ? members.stream().filter(m -> m != viewer).findFirst().orElse(viewer) : chatId;
    }
}

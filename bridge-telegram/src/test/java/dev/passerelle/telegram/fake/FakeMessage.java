package dev.passerelle.telegram.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A message of the fake network: its content as td_api.tl JSON, and who reacted with what. {@code id} is the one
 * every member sees in supergroups, channels and (a simplification of the fake) private chats; in basic groups each
 * account sees its own id ({@link #localIds}), as on Telegram.
 */
final class FakeMessage {

    final long id;
    final long sender;
    final int date;
    final long replyTo; // the replied-to message's id field, 0 when none
    /** In basic groups, the id each member's account sees (Telegram numbers them per account there). */
    final Map<Long, Long> localIds = new java.util.HashMap<>();
    ObjectNode content;
    int editDate;
    final Map<String, Set<Long>> reactions = new LinkedHashMap<>();
    /** For polls: each voter's chosen option positions. */
    final Map<Long, Set<Integer>> votes = new LinkedHashMap<>();
    int forumTopicId; // 0: not in a forum topic

    FakeMessage(long id, long sender, int date, long replyTo, ObjectNode content) {
        this.id = id;
        this.sender = sender;
        this.date = date;
        this.replyTo = replyTo;
        this.content = content;
    }

    Set<Long> reactors(String emoji) {
        return reactions.computeIfAbsent(emoji, e -> new LinkedHashSet<>());
    }
}

package dev.passerelle.telegram.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A message of the fake network: its content as td_api.tl JSON, and who reacted with what. */
final class FakeMessage {

    final long id;
    final long sender;
    final int date;
    final long replyTo;
    ObjectNode content;
    int editDate;
    final Map<String, Set<Long>> reactions = new LinkedHashMap<>();

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

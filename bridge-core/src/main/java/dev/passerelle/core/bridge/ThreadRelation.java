package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.store.MessageRow;
import java.util.Optional;

/**
 * The {@code m.relates_to} of a message in a thread (client-server API, "Threading"): {@code m.thread} to the
 * root's event, and a reply for clients without threads. An explicit reply is a real one
 * ({@code is_falling_back: false}); otherwise the message falls back to answering the thread's latest event.
 */
final class ThreadRelation {

    private ThreadRelation() {
    }

    /**
     * @param root    the thread's first message, as bridged
     * @param replyTo the message this one explicitly answers, if any
     * @param latest  the latest message bridged in the thread (not the root), if any
     */
    static ObjectNode of(ObjectMapper mapper, MessageRow root, Optional<MessageRow> replyTo,
                         Optional<MessageRow> latest) {
        ObjectNode relation = mapper.createObjectNode();
        relation.put("rel_type", "m.thread");
        relation.put("event_id", root.eventId());
        relation.put("is_falling_back", replyTo.isEmpty());
        String inReplyTo = replyTo.or(() -> latest).orElse(root).eventId();
        relation.putObject("m.in_reply_to").put("event_id", inReplyTo);
        return relation;
    }

    /** Whether {@code relation} (an {@code m.relates_to}) puts its event in a thread. */
    static boolean isThread(JsonNode relation) {
        return relation.path("rel_type").asText().equals("m.thread");
    }
}

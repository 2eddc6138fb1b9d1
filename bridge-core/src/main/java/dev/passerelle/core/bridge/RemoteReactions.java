package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.store.MessageRow;
import dev.passerelle.core.store.MessageStore;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.ReactionKey;
import dev.passerelle.core.store.ReactionRow;
import dev.passerelle.core.store.ReactionStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network reactions → {@code m.annotation} events as the reacting ghost, and their removal → redactions. On a
 * network with one reaction per user and message, a new reaction replaces (redacts) the old one. Blocks; call from
 * the portal's queue.
 */
final class RemoteReactions {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteReactions.class);

    private final MatrixClient matrix;
    private final ObjectMapper mapper;
    private final MessageStore messages;
    private final ReactionStore reactions;

    RemoteReactions(MatrixClient matrix, ObjectMapper mapper, MessageStore messages, ReactionStore reactions) {
        this.matrix = matrix;
        this.mapper = mapper;
        this.messages = messages;
        this.reactions = reactions;
    }

    /** Sends {@code r} as {@code senderMxid} (the reactor's ghost, or the user's double puppet). */
    void add(Network network, PortalRow portal, String senderMxid, RemoteEvent.Reaction r) {
        Optional<MessageRow> target = messages.getParts(portal.key(), r.messageId()).stream().findFirst();
        if (target.isEmpty()) {
            LOG.info("Reaction to message {} in {}: the message was never bridged; ignored", r.messageId(),
                    portal.key());
            return;
        }
        ReactionKey key = new ReactionKey(target.get().key(), r.sender().remoteUserId(),
                emojiId(network, r.emoji()));
        Optional<ReactionRow> before = reactions.get(key);
        if (before.isPresent() && before.get().emoji().equals(r.emoji())) {
            return; // bridged already
        }
        Intent ghost = matrix.intent(senderMxid);
        before.ifPresent(old -> ghost.redact(old.roomId(), old.eventId(), Optional.empty(),
                TxnIds.of("unreact", portal.key(), old.eventId())));
        ObjectNode content = mapper.createObjectNode();
        content.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", target.get().eventId())
                .put("key", r.emoji());
        if (ghost.isDoublePuppet()) {
            content.put(DoublePuppets.SOURCE_KEY, DoublePuppets.SOURCE);
        }
        String eventId = ghost.sendMessage(target.get().roomId(), "m.reaction", content,
                TxnIds.of("react", portal.key(), r.messageId(), r.sender().remoteUserId(), r.emoji(),
                        Long.toString(r.timestamp().toEpochMilli())), Optional.of(r.timestamp()));
        reactions.upsert(new ReactionRow(key, r.emoji(), target.get().roomId(), eventId, r.timestamp()));
    }

    /**
     * Redacts the reaction {@code r} takes back, as {@code senderMxid} (who sent it). Without an emoji (the network
     * does not say which), every reaction of that sender on the message goes.
     */
    void remove(Network network, PortalRow portal, String senderMxid, RemoteEvent.ReactionRemoved r) {
        Optional<MessageRow> target = messages.getParts(portal.key(), r.messageId()).stream().findFirst();
        if (target.isEmpty()) {
            return;
        }
        List<ReactionRow> bridged = r.emoji().isPresent()
                ? reactions.get(new ReactionKey(target.get().key(), r.sender().remoteUserId(),
                        emojiId(network, r.emoji().get())))
                        .filter(x -> x.emoji().equals(r.emoji().get())).stream().toList()
                : reactions.listBySender(target.get().key(), r.sender().remoteUserId());
        // Nothing found: never bridged, or removed already.
        for (ReactionRow row : bridged) {
            matrix.intent(senderMxid).redact(row.roomId(), row.eventId(), Optional.empty(),
                    TxnIds.of("unreact", portal.key(), row.eventId()));
            reactions.delete(row.key());
        }
    }

    // One reaction per user: the key has no emoji, so that the new one replaces the old.
    private static String emojiId(Network network, String emoji) {
        return network.capabilities().maxReactions() == 1 ? "" : emoji;
    }
}

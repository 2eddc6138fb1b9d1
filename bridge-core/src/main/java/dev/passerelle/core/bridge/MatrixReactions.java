package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.store.MessageRow;
import dev.passerelle.core.store.MessageStore;
import dev.passerelle.core.store.ReactionKey;
import dev.passerelle.core.store.ReactionRow;
import dev.passerelle.core.store.ReactionStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix reactions ({@code m.annotation}) and redactions → the network: a reaction to a bridged message is sent
 * and stored in the {@code reaction} table; redacting it removes it; redacting a bridged message deletes it for
 * everyone. Events about anything never bridged are ignored. Blocks; call from the portal's queue.
 */
final class MatrixReactions {

    private static final Logger LOG = LoggerFactory.getLogger(MatrixReactions.class);

    private final MessageStore messages;
    private final ReactionStore reactions;
    private final DeliveryReports reports;
    private final NetworkRetries retries;
    private final Clock clock;
    private final MatrixClient matrix;
    private final DoublePuppets puppets;

    MatrixReactions(MatrixClient matrix, DoublePuppets puppets, MessageStore messages, ReactionStore reactions,
                    DeliveryReports reports, NetworkRetries retries, Clock clock) {
        this.matrix = matrix;
        this.puppets = puppets;
        this.messages = messages;
        this.reactions = reactions;
        this.reports = reports;
        this.retries = retries;
        this.clock = clock;
    }

    /** Sends an {@code m.reaction}. */
    void react(MatrixAction a) {
        JsonNode relation = a.content().path("m.relates_to");
        String emoji = relation.path("key").asText("");
        if (!relation.path("rel_type").asText().equals("m.annotation") || emoji.isEmpty()) {
            return;
        }
        Optional<MessageRow> target = messages.getByEventId(relation.path("event_id").asText())
                .filter(r -> r.key().portal().equals(a.portal().key()));
        if (target.isEmpty()) {
            LOG.debug("Reaction {}: its target was never bridged; ignored", a.eventId());
            return;
        }
        NetworkCapabilities caps = a.network().capabilities();
        if (!(a.login().client() instanceof NetworkClient.ReactionHandling reacting) || !caps.reactions()) {
            refuse(a, a.networkName() + " does not support reactions; yours was not sent.");
            return;
        }
        OutgoingReaction reaction = new OutgoingReaction(
                new MessageTarget(a.chatId(), target.get().key().messageId()), emoji);
        try {
            retries.call("Reacting with " + a.eventId(), () -> reacting.sendReaction(reaction));
        } catch (NetworkException e) {
            reports.failed(a.network(), a.portal().key(), a.roomId(), a.eventId(), e);
            return;
        }
        // One reaction per user on some networks: then the key has no emoji and the new one replaces the old.
        String emojiId = caps.maxReactions() == 1 ? "" : emoji;
        ReactionKey key = new ReactionKey(target.get().key(), a.login().key().loginId(), emojiId);
        Optional<ReactionRow> replaced = caps.maxReactions() == 1 ? reactions.get(key)
                .filter(r -> !r.eventId().equals(a.eventId())) : Optional.empty();
        reactions.upsert(new ReactionRow(key, emoji, a.roomId(), a.eventId(), clock.instant()));
        replaced.ifPresent(old -> redactReplaced(a, old));
        reports.delivered(a.network(), a.portal().key(), a.roomId(), a.eventId());
    }

    /**
     * The network replaced the user's earlier reaction with the new one: Matrix shows the same by redacting the
     * earlier one, as the user's double puppet when they have one (and it may), else as the bot (power 100 in the
     * portals it creates, above the redact level). Its echo finds no reaction row any more and is ignored.
     */
    private void redactReplaced(MatrixAction a, ReactionRow old) {
        Optional<String> puppet = puppets.of(a.event().sender());
        if (puppet.isPresent() && redacted(a, old, puppet.get())) {
            return;
        }
        redacted(a, old, a.network().botUserId());
    }

    private boolean redacted(MatrixAction a, ReactionRow old, String redactor) {
        try {
            matrix.intent(redactor).redact(old.roomId(), old.eventId(),
                    Optional.of(a.networkName() + " keeps one reaction per person"),
                    TxnIds.of("replaced-reaction", a.portal().key(), old.eventId()));
            return true;
        } catch (MatrixException e) {
            LOG.warn("Could not redact {}'s earlier reaction {} in {} as {} (replaced on {} by {}): {} {}",
                    a.event().sender(), old.eventId(), old.roomId(), redactor, a.network().id(), a.eventId(),
                    e.errcode(), e.error());
            return false;
        }
    }

    /** Handles an {@code m.room.redaction}: of a bridged message, or of a bridged reaction. */
    void redact(MatrixAction a) {
        String redacts = a.content().path("redacts").asText(a.event().json().path("redacts").asText(""));
        if (redacts.isEmpty()) {
            return;
        }
        Optional<MessageRow> message = messages.getByEventId(redacts)
                .filter(r -> r.key().portal().equals(a.portal().key()));
        if (message.isPresent()) {
            deleteMessage(a, message.get());
            return;
        }
        reactions.getByEventId(redacts).filter(r -> r.key().target().portal().equals(a.portal().key()))
                .ifPresent(r -> removeReaction(a, r));
    }

    private void deleteMessage(MatrixAction a, MessageRow message) {
        NetworkCapabilities caps = a.network().capabilities();
        if (!(a.login().client() instanceof NetworkClient.DeleteHandling deleting) || !caps.deletes()) {
            refuse(a, a.networkName() + " does not support deleting messages; it was not deleted there.");
            return;
        }
        if (caps.deleteWindow().isPresent()
                && message.sentAt().plus(caps.deleteWindow().get()).isBefore(clock.instant())) {
            reports.refused(a.network(), a.portal().key(), a.roomId(), a.eventId(), false,
                    DeliveryReports.Reason.TOO_OLD, "This message is too old to be deleted on " + a.networkName()
                            + "; it was not deleted there.");
            return;
        }
        MessageTarget target = new MessageTarget(a.chatId(), message.key().messageId());
        try {
            retries.call("Deleting with " + a.eventId(), () -> {
                deleting.deleteMessage(target);
                return null;
            });
        } catch (NetworkException e) {
            reports.failed(a.network(), a.portal().key(), a.roomId(), a.eventId(), e);
            return;
        }
        messages.deleteAllParts(a.portal().key(), message.key().messageId());
        reports.delivered(a.network(), a.portal().key(), a.roomId(), a.eventId());
    }

    private void removeReaction(MatrixAction a, ReactionRow row) {
        if (!row.key().senderId().equals(a.login().key().loginId())) {
            // Someone else's reaction (a moderator's redaction): this login cannot remove it on the network.
            LOG.debug("Redaction {} of another account's reaction {}; not bridged", a.eventId(), row.eventId());
            return;
        }
        if (!(a.login().client() instanceof NetworkClient.ReactionHandling reacting)) {
            return; // never sent then
        }
        OutgoingReaction reaction = new OutgoingReaction(
                new MessageTarget(a.chatId(), row.key().target().messageId()), row.emoji());
        try {
            retries.call("Removing a reaction with " + a.eventId(), () -> {
                reacting.removeReaction(reaction);
                return null;
            });
        } catch (NetworkException e) {
            reports.failed(a.network(), a.portal().key(), a.roomId(), a.eventId(), e);
            return;
        }
        reactions.delete(row.key());
        reports.delivered(a.network(), a.portal().key(), a.roomId(), a.eventId());
    }

    private void refuse(MatrixAction a, String message) {
        LOG.info("Event {} of {} not sent to {}: {}", a.eventId(), a.event().sender(), a.network().id(), message);
        reports.refused(a.network(), a.portal().key(), a.roomId(), a.eventId(), false,
                DeliveryReports.Reason.UNSUPPORTED, message);
    }
}

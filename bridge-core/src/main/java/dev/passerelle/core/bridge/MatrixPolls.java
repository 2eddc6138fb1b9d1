package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkCapabilities.MessageKind;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.store.MessageRow;
import dev.passerelle.core.store.MessageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix poll votes (MSC3381 responses) → the network, through the voter's login: the poll is found in the
 * {@code message} table by the event the response references, and the chosen answer ids go to
 * {@link NetworkClient.PollVoting}. A response without answers takes the vote back. A vote on a poll that was never
 * bridged is ignored; a network without polls refuses it with a notice. Blocks; call from the portal's queue.
 */
final class MatrixPolls {

    private static final Logger LOG = LoggerFactory.getLogger(MatrixPolls.class);

    /** Vote event types: MSC3381's unstable one (Element) and the stable one. */
    static final List<String> RESPONSE_TYPES = List.of(RemotePolls.POLL_RESPONSE, "m.poll.response");

    private final MessageStore messages;
    private final DeliveryReports reports;
    private final NetworkRetries retries;

    MatrixPolls(MessageStore messages, DeliveryReports reports, NetworkRetries retries) {
        this.messages = messages;
        this.reports = reports;
        this.retries = retries;
    }

    /** Sends the vote of a poll response event. */
    void vote(MatrixAction a) {
        JsonNode relation = a.content().path("m.relates_to");
        Optional<MessageRow> poll = messages.getByEventId(relation.path("event_id").asText(""))
                .filter(r -> r.key().portal().equals(a.portal().key()));
        if (poll.isEmpty()) {
            LOG.debug("Vote {}: its poll was never bridged; ignored", a.eventId());
            return;
        }
        if (!(a.login().client() instanceof NetworkClient.PollVoting voting)
                || !a.network().capabilities().messageKinds().contains(MessageKind.POLL)) {
            refuse(a, a.networkName() + " does not support polls; your vote was not sent.");
            return;
        }
        List<String> answers = answers(a.content());
        MessageTarget target = new MessageTarget(a.chatId(), poll.get().key().messageId());
        try {
            retries.call("Voting with " + a.eventId(), () -> {
                voting.vote(target, answers);
                return null;
            });
        } catch (NetworkException e) {
            LOG.info("Vote {} of {} was not delivered to {}: {}", a.eventId(), a.event().sender(), a.network().id(),
                    e.getMessage());
            reports.refused(a.network(), a.portal().key(), a.roomId(), a.eventId(), e.isTransient(),
                    DeliveryReports.Reason.NETWORK_ERROR, "Your vote was not delivered to " + a.networkName() + ": "
                            + e.getMessage());
            return;
        }
        reports.delivered(a.network(), a.portal().key(), a.roomId(), a.eventId());
    }

    /**
     * The chosen answer ids, each once, in order: {@code org.matrix.msc3381.poll.response.answers} (unstable),
     * {@code m.selections} (stable) or {@code m.poll.response.answers} (early stable drafts). Empty: no vote.
     */
    static List<String> answers(JsonNode content) {
        JsonNode list = content.path(RemotePolls.POLL_RESPONSE).path("answers");
        if (!list.isArray()) {
            list = content.path("m.selections");
        }
        if (!list.isArray()) {
            list = content.path("m.poll.response").path("answers");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : list) {
            if (id.isTextual() && !id.asText().isEmpty() && !ids.contains(id.asText())) {
                ids.add(id.asText());
            }
        }
        return ids;
    }

    private void refuse(MatrixAction a, String message) {
        LOG.info("Vote {} of {} not sent to {}: {}", a.eventId(), a.event().sender(), a.network().id(), message);
        reports.refused(a.network(), a.portal().key(), a.roomId(), a.eventId(), false,
                DeliveryReports.Reason.UNSUPPORTED, message);
    }
}

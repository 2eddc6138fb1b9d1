package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.store.MessageRow;
import dev.passerelle.core.store.MessageStore;
import dev.passerelle.core.store.PortalRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network poll votes → MSC3381 {@code org.matrix.msc3381.poll.response} events from the voter's ghost (or double
 * puppet), referencing the bridged poll. Clients count each person's latest response, so a changed vote is just a
 * new response; a vote taken back is a response without answers, which MSC3381 calls spoiled and clients (Element)
 * no longer count. Votes are not stored: the txn id (remote ids, the chosen options, the time) makes a repeated
 * vote a no-op at the homeserver. Blocks; call from the portal's queue.
 */
final class RemotePolls {

    private static final Logger LOG = LoggerFactory.getLogger(RemotePolls.class);

    /** The event type of a vote (MSC3381, unstable prefix, which is what Element sends and counts). */
    static final String POLL_RESPONSE = "org.matrix.msc3381.poll.response";

    private final MatrixClient matrix;
    private final ObjectMapper mapper;
    private final MessageStore messages;

    RemotePolls(MatrixClient matrix, ObjectMapper mapper, MessageStore messages) {
        this.matrix = matrix;
        this.mapper = mapper;
        this.messages = messages;
    }

    /** Sends {@code v} as {@code voterMxid}; a vote on a poll that was never bridged is logged and dropped. */
    void vote(PortalRow portal, String voterMxid, RemoteEvent.PollVote v) {
        Optional<MessageRow> poll = messages.getParts(portal.key(), v.pollMessageId()).stream().findFirst();
        if (poll.isEmpty()) {
            LOG.info("Vote of {} on poll {} in {}: the poll was never bridged; ignored", v.sender().remoteUserId(),
                    v.pollMessageId(), portal.key());
            return;
        }
        ObjectNode content = mapper.createObjectNode();
        content.putObject("m.relates_to").put("rel_type", "m.reference").put("event_id", poll.get().eventId());
        ArrayNode answers = content.putObject(POLL_RESPONSE).putArray("answers");
        v.optionIds().forEach(answers::add);
        Intent voter = matrix.intent(voterMxid);
        if (voter.isDoublePuppet()) {
            content.put(DoublePuppets.SOURCE_KEY, DoublePuppets.SOURCE);
        }
        List<String> ids = new ArrayList<>(List.of(v.pollMessageId(), v.sender().remoteUserId(),
                Long.toString(v.timestamp().toEpochMilli())));
        ids.addAll(v.optionIds());
        voter.sendMessage(poll.get().roomId(), POLL_RESPONSE, content,
                TxnIds.of("vote", portal.key(), ids.toArray(String[]::new)), Optional.of(v.timestamp()));
    }
}

package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.store.PortalKey;
import java.util.Optional;

/**
 * What the network's bot tells a Matrix user about their event: a {@code com.beeper.message_send_status} event
 * (success or failure) and, when it was not delivered, an {@code m.notice} replying to it. Transaction ids derive
 * from the event id, so a replayed event reports nothing twice. Blocks; call from the portal's queue.
 */
final class DeliveryReports {

    /** Why an event was not delivered, in the send status's {@code reason} vocabulary. */
    enum Reason {
        NETWORK_ERROR("m_foreign_network_error"),
        UNSUPPORTED("m_unsupported"),
        TOO_OLD("m_event_too_old"),
        NO_PERMISSION("m_no_permission");

        final String code;

        Reason(String code) {
            this.code = code;
        }
    }

    private final MatrixClient matrix;
    private final ObjectMapper mapper;

    DeliveryReports(MatrixClient matrix, ObjectMapper mapper) {
        this.matrix = matrix;
        this.mapper = mapper;
    }

    /** The event reached the network. */
    void delivered(Network network, PortalKey portal, String roomId, String eventId) {
        ObjectNode status = status(network, eventId, "SUCCESS");
        send(network, roomId, "com.beeper.message_send_status", status, TxnIds.of("status", portal, eventId));
    }

    /** The network refused or could not be reached (after the retries, for a transient failure). */
    void failed(Network network, PortalKey portal, String roomId, String eventId, NetworkException e) {
        String name = network.description().displayName();
        String message = "Your message was not delivered to " + name + ": " + e.getMessage();
        refused(network, portal, roomId, eventId, e.isTransient(), Reason.NETWORK_ERROR, message);
    }

    /**
     * The event was not sent: {@code message} says why, for the user to read, in a notice replying to it and in a
     * send status.
     *
     * @param retriable whether sending it again later may work
     */
    void refused(Network network, PortalKey portal, String roomId, String eventId, boolean retriable, Reason reason,
                 String message) {
        ObjectNode status = status(network, eventId, retriable ? "FAIL_RETRIABLE" : "FAIL_PERMANENT");
        status.put("reason", reason.code).put("message", message);
        send(network, roomId, "com.beeper.message_send_status", status, TxnIds.of("status", portal, eventId));
        notice(network, portal, roomId, Optional.of(eventId), message, TxnIds.of("notice", portal, eventId));
    }

    /** A notice from the network's bot, replying to {@code replyTo} when given. */
    void notice(Network network, PortalKey portal, String roomId, Optional<String> replyTo, String text,
                String txnId) {
        ObjectNode content = mapper.createObjectNode().put("msgtype", "m.notice").put("body", text);
        replyTo.ifPresent(id -> content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", id));
        content.putObject("m.mentions");
        send(network, roomId, "m.room.message", content, txnId);
    }

    private ObjectNode status(Network network, String eventId, String status) {
        ObjectNode content = mapper.createObjectNode().put("network", network.id()).put("status", status);
        content.putObject("m.relates_to").put("rel_type", "m.reference").put("event_id", eventId);
        return content;
    }

    private void send(Network network, String roomId, String type, ObjectNode content, String txnId) {
        matrix.intent(network.botUserId()).sendMessage(roomId, type, content, txnId, Optional.empty());
    }
}

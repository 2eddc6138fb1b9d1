package dev.passerelle.app.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.intake.InboundEvent;
import dev.passerelle.core.intake.InboundEventHandler;
import dev.passerelle.core.matrix.MatrixClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The observable "handled" effect of the end-to-end tests: for every {@code m.room.message} not sent by the bridge's
 * bot, the bot sends an {@code m.notice} into the same room whose body is the original event id. The transaction id
 * is derived from the event id ({@link #txnIdFor}), so an event handed again after a crash yields the same send,
 * which the homeserver answers with the first event instead of adding a second one, as Synapse does. Blocks on the
 * homeserver; the intake calls it on virtual threads.
 */
public final class EchoHandler implements InboundEventHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatrixClient matrix;

    EchoHandler(MatrixClient matrix) {
        this.matrix = matrix;
    }

    @Override
    public void handle(InboundEvent event) {
        // The bridge's own sends come back in transactions (Synapse pushes them); answering them would loop.
        if (!event.type().equals("m.room.message") || event.sender().equals(matrix.botUserId())) {
            return;
        }
        ObjectNode content = JSON.createObjectNode().put("msgtype", "m.notice").put("body", event.eventId());
        matrix.bot().sendMessage(event.roomId(), "m.room.message", content, txnIdFor(event.eventId()),
                Optional.empty());
    }

    /** The transaction id of the echo of {@code eventId}: {@code echo-} and the hex SHA-256 of the id. */
    public static String txnIdFor(String eventId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
            return "echo-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

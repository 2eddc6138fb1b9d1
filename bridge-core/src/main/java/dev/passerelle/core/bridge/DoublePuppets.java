package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.config.DoublePuppetConfig;
import dev.passerelle.core.matrix.MatrixClient;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Double puppeting: the Matrix users whose own network actions (sent from the phone, {@code Sender.fromMe}) the
 * bridge performs as their real Matrix account, with the appservice token configured for their server. Events so
 * sent carry {@link #SOURCE_KEY}, and the receipts are remembered, so that the homeserver's echo of them is not
 * carried back to the network.
 */
final class DoublePuppets {

    /** The content key the mautrix bridges mark double-puppeted events with; its value names the bridge. */
    static final String SOURCE_KEY = "fi.mau.double_puppet_source";
    static final String SOURCE = "passerelle";

    private final MatrixClient matrix;
    private final DoublePuppetConfig config;
    private final Set<String> puppets = ConcurrentHashMap.newKeySet();
    /** "room|user|event" of read receipts sent as a puppet, until their echo comes back. */
    private final Set<String> sentReceipts = ConcurrentHashMap.newKeySet();

    DoublePuppets(MatrixClient matrix, DoublePuppetConfig config) {
        this.matrix = matrix;
        this.config = config;
    }

    /**
     * The Matrix user to act as for {@code userId}'s own network actions: {@code userId} itself when their server
     * has a double-puppet secret (then {@code matrix.intent(userId)} is their puppet); empty otherwise.
     */
    Optional<String> of(String userId) {
        if (puppets.contains(userId)) {
            return Optional.of(userId);
        }
        Optional<String> token = config.tokenFor(userId);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        matrix.doublePuppet(userId, token.get());
        puppets.add(userId);
        return Optional.of(userId);
    }

    /** Whether {@code content} was sent by this bridge as a double puppet (an echo to ignore). */
    static boolean isEcho(JsonNode content) {
        return content.path(SOURCE_KEY).asText("").equals(SOURCE);
    }

    /** Remembers a read receipt sent as {@code userId}'s puppet, so that its echo is recognised. */
    void receiptSent(String roomId, String userId, String eventId) {
        sentReceipts.add(roomId + "|" + userId + "|" + eventId);
    }

    /** Whether this receipt is the echo of one sent as a puppet (answered once per receipt sent). */
    boolean isReceiptEcho(String roomId, String userId, String eventId) {
        return sentReceipts.remove(roomId + "|" + userId + "|" + eventId);
    }
}

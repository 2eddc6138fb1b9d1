package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.store.MessageRow;
import dev.passerelle.core.store.MessageStore;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix read receipts ({@code m.receipt}, {@code m.read}) and typing ({@code m.typing}) in portals → the
 * network, for users with a login there. Queued on the portal's queue (behind the messages they may refer to) but
 * not waited for; failures are logged only, as these are lost anyway if the bridge stops. Does not block.
 */
final class MatrixEphemeral {

    private static final Logger LOG = LoggerFactory.getLogger(MatrixEphemeral.class);

    private final Predicate<String> isBridgeUser;
    private final Map<String, Network> networks;
    private final PortalQueues queues;
    private final PortalStore portals;
    private final MessageStore messages;
    private final SenderLogins senders;
    private final DoublePuppets puppets;
    // Who was typing in each room at the last m.typing, to tell the network when they stop.
    private final Map<String, Set<String>> typing = new ConcurrentHashMap<>();

    MatrixEphemeral(Predicate<String> isBridgeUser, Map<String, Network> networks, PortalQueues queues,
                    PortalStore portals, MessageStore messages, SenderLogins senders, DoublePuppets puppets) {
        this.puppets = puppets;
        this.isBridgeUser = isBridgeUser;
        this.networks = networks;
        this.queues = queues;
        this.portals = portals;
        this.messages = messages;
        this.senders = senders;
    }

    void handle(ObjectNode event) {
        String type = event.path("type").asText();
        String roomId = event.path("room_id").asText("");
        if (roomId.isEmpty() || !(type.equals("m.receipt") || type.equals("m.typing"))) {
            return;
        }
        queues.submit("ephemeral " + roomId, () -> route(type, roomId, event));
    }

    // On a queue of its own first, so that the store lookup does not block the intake; then the portal's.
    private void route(String type, String roomId, ObjectNode event) {
        try {
            Optional<PortalRow> portal = portals.getByRoomId(roomId);
            if (portal.isEmpty() || !networks.containsKey(portal.get().key().network())) {
                return;
            }
            PortalRow p = portal.get();
            queues.submit(PortalQueues.forPortal(p.key()), () -> {
                try {
                    if (type.equals("m.receipt")) {
                        receipts(p, event.path("content"));
                    } else {
                        typing(p, event.path("content").path("user_ids"));
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Could not bridge {} in {}: {}", type, roomId, e.toString(), e);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not bridge {} in {}: {}", type, roomId, e.toString(), e);
        }
    }

    private void receipts(PortalRow portal, JsonNode content) {
        for (Iterator<Map.Entry<String, JsonNode>> events = content.fields(); events.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = events.next();
            Optional<MessageRow> read = messages.getByEventId(entry.getKey())
                    .filter(r -> r.key().portal().equals(portal.key()));
            if (read.isEmpty()) {
                continue;
            }
            for (Iterator<String> users = entry.getValue().path("m.read").fieldNames(); users.hasNext(); ) {
                String user = users.next();
                if (isBridgeUser.test(user) || puppets.isReceiptEcho(portal.roomId().orElseThrow(), user,
                        entry.getKey())) {
                    continue;
                }
                Optional<ActiveLogin> login = senders.find(portal, user);
                if (login.isPresent() && login.get().client() instanceof NetworkClient.ReadReceiptHandling r) {
                    try {
                        r.markRead(new MessageTarget(portal.key().chatId(), read.get().key().messageId()));
                    } catch (NetworkException e) {
                        LOG.info("Read receipt of {} in {} not sent: {}", user, portal.key(), e.getMessage());
                    }
                }
            }
        }
    }

    private void typing(PortalRow portal, JsonNode userIds) {
        String roomId = portal.roomId().orElseThrow();
        Set<String> now = new HashSet<>();
        userIds.forEach(u -> {
            if (u.isTextual() && !isBridgeUser.test(u.asText())) {
                now.add(u.asText());
            }
        });
        Set<String> before = typing.getOrDefault(roomId, Set.of());
        typing.put(roomId, Set.copyOf(now));
        for (String user : now) {
            if (!before.contains(user)) {
                setTyping(portal, user, true);
            }
        }
        for (String user : before) {
            if (!now.contains(user)) {
                setTyping(portal, user, false);
            }
        }
    }

    private void setTyping(PortalRow portal, String user, boolean isTyping) {
        Optional<ActiveLogin> login = senders.find(portal, user);
        if (login.isPresent() && login.get().client() instanceof NetworkClient.TypingHandling t) {
            try {
                t.setTyping(portal.key().chatId(), isTyping);
            } catch (NetworkException e) {
                LOG.info("Typing of {} in {} not sent: {}", user, portal.key(), e.getMessage());
            }
        }
    }
}

package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.BridgeServices;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.PermissionLevel;
import dev.passerelle.core.intake.InboundEvent;
import dev.passerelle.core.intake.InboundEventHandler;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.store.Database;
import dev.passerelle.core.store.KvStore;
import dev.passerelle.core.store.MessageStore;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import dev.passerelle.core.store.ReactionStore;
import dev.passerelle.core.store.UserPortalStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matrix → network: what Matrix users do in portal rooms (messages, stickers, edits, reactions, redactions, and
 * through {@link #handleEphemeral} read receipts and typing) is carried to the network by the sender's login. The
 * bridge's own users (the bots, the ghosts) are ignored: their events are the bridge's echoes. Each event runs on
 * its portal's queue, the one network events use, so both directions of a portal stay in order; {@link #handle}
 * waits for it, so that the intake marks an event done only once it has been handled. Idempotent: an event
 * already bridged is not sent again. Called by the intake on virtual threads; blocks.
 */
final class MatrixPortalHandler implements InboundEventHandler {

    private static final Set<String> BRIDGED_TYPES = Set.of("m.room.message", "m.sticker", "m.reaction",
            "m.room.redaction");

    private final MatrixClient matrix;
    private final BridgeSettings settings;
    private final Map<String, Network> networks;
    private final PortalQueues queues;
    private final PortalStore portals;
    private final MessageStore messages;
    private final ReactionStore reactions;
    private final SenderLogins senders;
    private final DeliveryReports reports;
    private final MatrixMessages outgoingMessages;
    private final MatrixReactions outgoingReactions;
    private final MatrixEphemeral ephemeral;
    private final KvStore told;

    MatrixPortalHandler(MatrixClient matrix, BridgeSettings settings, Map<String, Network> networks,
                        PortalQueues queues, PortalStore portals, MessageStore messages, ReactionStore reactions,
                        SenderLogins senders, DeliveryReports reports, MatrixMessages outgoingMessages,
                        MatrixReactions outgoingReactions, KvStore told) {
        this.matrix = matrix;
        this.settings = settings;
        this.networks = networks;
        this.queues = queues;
        this.portals = portals;
        this.messages = messages;
        this.reactions = reactions;
        this.senders = senders;
        this.reports = reports;
        this.outgoingMessages = outgoingMessages;
        this.outgoingReactions = outgoingReactions;
        this.told = told;
        this.ephemeral = new MatrixEphemeral(this::isBridgeUser, networks, queues, portals, messages, senders);
    }

    /** The handler of the running bridge, on its stores; does not block. */
    static MatrixPortalHandler create(BridgeServices services, ObjectMapper mapper, Map<String, Network> networks,
                                      Logins logins, PortalQueues queues) {
        Database db = services.database();
        MatrixClient matrix = services.matrix();
        Clock clock = Clock.systemUTC();
        MessageStore messages = new MessageStore(db);
        ReactionStore reactions = new ReactionStore(db);
        DeliveryReports reports = new DeliveryReports(matrix, mapper);
        return new MatrixPortalHandler(matrix, services.config().bridge(), networks, queues, new PortalStore(db),
                messages, reactions, new SenderLogins(logins, new UserPortalStore(db)), reports,
                new MatrixMessages(matrix, messages, reports, NetworkRetries.DEFAULT, clock),
                new MatrixReactions(messages, reactions, reports, NetworkRetries.DEFAULT, clock), new KvStore(db));
    }

    @Override
    public void handle(InboundEvent event) throws Exception {
        if (event.roomId().isEmpty() || event.sender().isEmpty() || event.eventId().isEmpty()
                || event.stateKey().isPresent() || !BRIDGED_TYPES.contains(event.type())
                || isBridgeUser(event.sender()) || isCommand(event)) {
            return;
        }
        Optional<PortalRow> portal = portals.getByRoomId(event.roomId());
        if (portal.isEmpty()) {
            return;
        }
        Network network = networks.get(portal.get().key().network());
        if (network == null) {
            return; // a portal of a network no longer enabled
        }
        queues.runAndWait(PortalQueues.forPortal(portal.get().key()), () -> bridge(network, portal.get(), event));
    }

    @Override
    public void handleEphemeral(ObjectNode event) {
        ephemeral.handle(event);
    }

    private void bridge(Network network, PortalRow portal, InboundEvent event) {
        if (settings.levelOf(event.sender()) == PermissionLevel.BLOCK) {
            return; // blocked users get nothing bridged
        }
        if (messages.getByEventId(event.eventId()).isPresent() || reactions.getByEventId(event.eventId()).isPresent()) {
            return; // bridged already: a replay after a restart
        }
        Optional<ActiveLogin> login = senders.find(portal, event.sender());
        if (login.isEmpty()) {
            // Relay mode (a portal's relay login sending for users without one) is not implemented yet.
            tellToLogIn(network, portal, event);
            return;
        }
        MatrixAction action = new MatrixAction(network, portal, login.get(), event);
        switch (event.type()) {
            case "m.room.message", "m.sticker" -> outgoingMessages.send(action);
            case "m.reaction" -> outgoingReactions.react(action);
            case "m.room.redaction" -> outgoingReactions.redact(action);
            default -> {
            }
        }
    }

    // Once per user and room, so that every message does not bring another notice.
    private void tellToLogIn(Network network, PortalRow portal, InboundEvent event) {
        if (!event.type().equals("m.room.message") && !event.type().equals("m.sticker")) {
            return;
        }
        String name = "not-logged-in-notice/" + event.roomId() + "/" + event.sender();
        if (told.get(name).isPresent()) {
            return;
        }
        String networkName = network.description().displayName();
        reports.notice(network, portal.key(), event.roomId(), Optional.of(event.eventId()),
                "Your message was not sent to " + networkName + ": you are not logged in to " + networkName
                        + ". Log in by sending \"login\" to " + network.botUserId() + " in a direct chat.",
                TxnIds.of("not-logged-in", portal.key(), event.sender()));
        told.put(name, event.eventId());
    }

    // Commands with the prefix in a portal are for the bot (the management handler answers them), not the chat.
    private boolean isCommand(InboundEvent event) {
        String prefix = settings.commandPrefix();
        return event.type().equals("m.room.message") && !prefix.isEmpty()
                && event.json().path("content").path("msgtype").asText().equals("m.text")
                && event.json().path("content").path("body").asText().startsWith(prefix + " ");
    }

    private boolean isBridgeUser(String userId) {
        if (userId.equals(matrix.botUserId())) {
            return true;
        }
        String domain = ":" + matrix.serverName();
        return userId.endsWith(domain) && networks.values().stream().anyMatch(n -> n.botUserId().equals(userId)
                || userId.startsWith("@" + n.description().ghostPrefix()));
    }
}

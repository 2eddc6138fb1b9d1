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
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.MessageEditStore;
import dev.passerelle.core.store.MessageStore;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import dev.passerelle.core.store.ReactionStore;
import dev.passerelle.core.store.UserPortalStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix → network: what Matrix users do in portal rooms (messages, stickers, polls and votes, edits, reactions,
 * redactions, invites and kicks of ghosts, and through {@link #handleEphemeral} read receipts and typing) is carried
 * to the network by the sender's login. The
 * bridge's own users (the bots, the ghosts) are ignored: their events are the bridge's echoes. Each event runs on
 * its portal's queue, the one network events use, so both directions of a portal stay in order; {@link #handle}
 * waits for it, so that the intake marks an event done only once it has been handled. Idempotent: an event
 * already bridged is not sent again. Called by the intake on virtual threads; blocks.
 */
final class MatrixPortalHandler implements InboundEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MatrixPortalHandler.class);

    private static final Set<String> BRIDGED_TYPES = Set.of("m.room.message", "m.sticker", "m.reaction",
            "m.room.redaction", ToMatrix.POLL_START, "m.poll.start", RemotePolls.POLL_RESPONSE, "m.poll.response");

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
    private final MatrixPolls outgoingPolls;
    private final MatrixMemberships memberships;
    private final KvStore told;
    private final Logins logins;

    MatrixPortalHandler(MatrixClient matrix, BridgeSettings settings, Map<String, Network> networks,
                        PortalQueues queues, PortalStore portals, MessageStore messages, ReactionStore reactions,
                        SenderLogins senders, DeliveryReports reports, MatrixMessages outgoingMessages,
                        MatrixReactions outgoingReactions, MatrixPolls outgoingPolls, KvStore told, Logins logins,
                        DoublePuppets puppets, PortalRooms rooms) {
        this.outgoingPolls = outgoingPolls;
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
        this.logins = logins;
        this.ephemeral = new MatrixEphemeral(this::isBridgeUser, networks, queues, portals, messages, senders,
                puppets);
        this.memberships = new MatrixMemberships(this::isBridgeUser, matrix, settings, networks, queues, portals,
                senders, reports, rooms);
    }

    /** The handler of the running bridge, on its stores; does not block. */
    static MatrixPortalHandler create(BridgeServices services, ObjectMapper mapper, Map<String, Network> networks,
                                      Logins logins, PortalQueues queues, MediaTransfers media,
                                      DoublePuppets puppets, PortalRooms rooms) {
        Database db = services.database();
        MatrixClient matrix = services.matrix();
        Clock clock = Clock.systemUTC();
        MessageStore messages = new MessageStore(db);
        ReactionStore reactions = new ReactionStore(db);
        DeliveryReports reports = new DeliveryReports(matrix, mapper);
        return new MatrixPortalHandler(matrix, services.config().bridge(), networks, queues, new PortalStore(db),
                messages, reactions, new SenderLogins(logins, new UserPortalStore(db)), reports,
                new MatrixMessages(matrix, messages, new MessageEditStore(db), reports, NetworkRetries.DEFAULT, clock,
                        media, new RelayPrefix(services.config().bridge().relay().messageFormat())),
                new MatrixReactions(matrix, puppets, messages, reactions, reports, NetworkRetries.DEFAULT, clock),
                new MatrixPolls(messages, reports, NetworkRetries.DEFAULT), new KvStore(db), logins, puppets, rooms);
    }

    @Override
    public void handle(InboundEvent event) throws Exception {
        if (event.type().equals("m.room.member")) {
            memberships.handle(event);
            return;
        }
        if (event.roomId().isEmpty() || event.sender().isEmpty() || event.eventId().isEmpty()
                || event.stateKey().isPresent() || !BRIDGED_TYPES.contains(event.type())
                || isBridgeUser(event.sender()) || isCommand(event)
                || DoublePuppets.isEcho(event.json().path("content"))) {
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
            Optional<ActiveLogin> relay = relayOf(network, portal);
            if (relay.isPresent() && settings.levelOf(event.sender()).atLeast(PermissionLevel.RELAY)) {
                relay(new MatrixAction(network, portal, relay.get(), event,
                        Optional.of(displayName(network, event.roomId(), event.sender()))));
            } else {
                tellToLogIn(network, portal, event);
            }
            return;
        }
        MatrixAction action = new MatrixAction(network, portal, login.get(), event);
        switch (event.type()) {
            case "m.room.message", "m.sticker", ToMatrix.POLL_START, "m.poll.start" -> outgoingMessages.send(action);
            case RemotePolls.POLL_RESPONSE, "m.poll.response" -> outgoingPolls.vote(action);
            case "m.reaction" -> outgoingReactions.react(action);
            case "m.room.redaction" -> outgoingReactions.redact(action);
            default -> {
            }
        }
    }

    /**
     * A user without a login, through the portal's relay: messages (prefixed with their name) and edits and
     * deletions of their own relayed messages; their polls too. Their reactions and votes are not bridged: the
     * network would show them as the relay's own; they are told once.
     */
    private void relay(MatrixAction a) {
        InboundEvent event = a.event();
        switch (event.type()) {
            case "m.room.message", "m.sticker", ToMatrix.POLL_START, "m.poll.start" -> outgoingMessages.send(a);
            case "m.room.redaction" -> {
                String redacts = a.content().path("redacts").asText(event.json().path("redacts").asText(""));
                boolean own = messages.getByEventId(redacts).filter(r -> r.key().portal().equals(a.portal().key())
                        && r.senderMxid().equals(event.sender())).isPresent();
                if (own) {
                    outgoingReactions.redact(a);
                }
            }
            case "m.reaction" -> tellOnce(a.network(), a.portal(), event, "relay-reaction-notice",
                    "Your reaction was not sent to " + a.networkName() + ": in this room you are relayed through "
                            + "another user's account, and reactions cannot be relayed. Log in to "
                            + a.networkName() + " to react (send \"login\" to " + a.network().botUserId()
                            + " in a direct chat).");
            case RemotePolls.POLL_RESPONSE, "m.poll.response" -> tellOnce(a.network(), a.portal(), event,
                    "relay-vote-notice", "Your vote was not sent to " + a.networkName() + ": in this room you are "
                            + "relayed through another user's account, and votes cannot be relayed. Log in to "
                            + a.networkName() + " to vote (send \"login\" to " + a.network().botUserId()
                            + " in a direct chat).");
            default -> {
            }
        }
    }

    /** The portal's relay login when relay mode is on and that login is loaded; empty otherwise. */
    private Optional<ActiveLogin> relayOf(Network network, PortalRow portal) {
        return portal.relayLoginId().flatMap(id -> logins.get(new LoginKey(network.id(), id)));
    }

    // The name in the room (member event), else the profile's, else the user id: a relay must not fail on it.
    private String displayName(Network network, String roomId, String userId) {
        try {
            Optional<String> inRoom = matrix.intent(network.botUserId()).getState(roomId, "m.room.member", userId)
                    .map(m -> m.path("displayname").asText("")).filter(n -> !n.isBlank());
            if (inRoom.isPresent()) {
                return inRoom.get();
            }
            return matrix.bot().getProfile(userId).displayName().filter(n -> !n.isBlank()).orElse(userId);
        } catch (RuntimeException e) {
            LOG.debug("No display name for {} in {}: {}", userId, roomId, e.getMessage());
            return userId;
        }
    }

    // Once per user and room, so that every message does not bring another notice.
    private void tellToLogIn(Network network, PortalRow portal, InboundEvent event) {
        if (!Set.of("m.room.message", "m.sticker", ToMatrix.POLL_START, "m.poll.start").contains(event.type())) {
            return;
        }
        String networkName = network.description().displayName();
        tellOnce(network, portal, event, "not-logged-in-notice", "Your message was not sent to " + networkName
                + ": you are not logged in to " + networkName + ". Log in by sending \"login\" to "
                + network.botUserId() + " in a direct chat.");
    }

    private void tellOnce(Network network, PortalRow portal, InboundEvent event, String what, String text) {
        String name = what + "/" + event.roomId() + "/" + event.sender();
        if (told.get(name).isPresent()) {
            return;
        }
        reports.notice(network, portal.key(), event.roomId(), Optional.of(event.eventId()), text,
                TxnIds.of(what.equals("not-logged-in-notice") ? "not-logged-in" : what, portal.key(),
                        event.sender()));
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

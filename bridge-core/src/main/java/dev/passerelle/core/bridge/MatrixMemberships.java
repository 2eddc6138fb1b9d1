package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.PermissionLevel;
import dev.passerelle.core.intake.InboundEvent;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.store.PortalKind;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.PortalStore;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix invites and kicks of ghosts in group portals → the network ({@link NetworkClient.MembershipHandling}),
 * done by the acting user's own login (never the relay: adding and removing people is an admin's act). The bridge's
 * own membership changes (the bot's invites, ghosts joining and leaving) are ignored, so nothing loops; DMs are
 * ignored. When the network refuses (not an admin, no such ability, no login), the user is told why in the room and
 * the room is put back as the network has it: an invited ghost declines, a kicked ghost comes back. After a
 * successful invite the ghost joins when the network reports the new member. Blocks; runs on the portal's queue.
 */
final class MatrixMemberships {

    private static final Logger LOG = LoggerFactory.getLogger(MatrixMemberships.class);

    private final Predicate<String> isBridgeUser;
    private final MatrixClient matrix;
    private final BridgeSettings settings;
    private final Map<String, Network> networks;
    private final PortalQueues queues;
    private final PortalStore portals;
    private final SenderLogins senders;
    private final DeliveryReports reports;
    private final PortalRooms rooms;

    MatrixMemberships(Predicate<String> isBridgeUser, MatrixClient matrix, BridgeSettings settings,
                      Map<String, Network> networks, PortalQueues queues, PortalStore portals, SenderLogins senders,
                      DeliveryReports reports, PortalRooms rooms) {
        this.isBridgeUser = isBridgeUser;
        this.matrix = matrix;
        this.settings = settings;
        this.networks = networks;
        this.queues = queues;
        this.portals = portals;
        this.senders = senders;
        this.reports = reports;
        this.rooms = rooms;
    }

    /** What a Matrix user did to a ghost's membership, as the network sees it. */
    private enum Change { INVITE, KICK, BAN }

    /** Handles an {@code m.room.member} event: an invite, kick or ban of one of a network's ghosts. */
    void handle(InboundEvent event) throws Exception {
        JsonNode content = event.json().path("content");
        if (event.roomId().isEmpty() || event.sender().isEmpty() || event.eventId().isEmpty()
                || event.stateKey().isEmpty() || isBridgeUser.test(event.sender())
                || DoublePuppets.isEcho(content)) {
            return;
        }
        String ghost = event.stateKey().get();
        Optional<Change> change = switch (content.path("membership").asText("")) {
            case "invite" -> Optional.of(Change.INVITE);
            case "ban" -> Optional.of(Change.BAN);
            // A leave by someone else is a kick; a user's own leave concerns only them.
            case "leave" -> ghost.equals(event.sender()) ? Optional.empty() : Optional.of(Change.KICK);
            default -> Optional.empty();
        };
        if (change.isEmpty() || networks.values().stream().noneMatch(n -> n.ghostIds().remoteUserId(ghost)
                .isPresent())) {
            return; // nothing to do with the networks' people: no need to look the room up
        }
        Optional<PortalRow> portal = portals.getByRoomId(event.roomId());
        if (portal.isEmpty() || portal.get().kind() == PortalKind.DM) {
            return; // a DM has exactly its two people
        }
        Network network = networks.get(portal.get().key().network());
        if (network == null) {
            return;
        }
        Optional<String> remoteUserId = network.ghostIds().remoteUserId(ghost);
        if (remoteUserId.isEmpty()) {
            return; // a real Matrix user, or another network's ghost: nothing to tell this network
        }
        queues.runAndWait(PortalQueues.forPortal(portal.get().key()),
                () -> apply(network, portal.get(), event, change.get(), remoteUserId.get()));
    }

    private void apply(Network network, PortalRow portal, InboundEvent event, Change change, String remoteUserId) {
        if (settings.levelOf(event.sender()) == PermissionLevel.BLOCK) {
            return;
        }
        String who = name(event, remoteUserId);
        String networkName = network.description().displayName();
        Optional<ActiveLogin> login = senders.find(portal, event.sender());
        if (login.isEmpty()) {
            refuse(network, portal, event, change, who + " was not " + done(change) + " on " + networkName
                    + ": you are not logged in to " + networkName + ". Log in by sending \"login\" to "
                    + network.botUserId() + " in a direct chat.");
            return;
        }
        if (!(login.get().client() instanceof NetworkClient.MembershipHandling members)) {
            refuse(network, portal, event, change, networkName + " does not let the bridge add or remove people; "
                    + who + " was not " + done(change) + " there.");
            return;
        }
        String chatId = portal.key().chatId();
        try {
            switch (change) {
                case INVITE -> members.invite(chatId, remoteUserId);
                case KICK, BAN -> members.kick(chatId, remoteUserId, event.json().path("content").path("reason")
                        .asText(""));
            }
        } catch (NetworkException e) {
            LOG.info("{} of {} in {} by {} refused by {}: {}", change, remoteUserId, portal.key(), event.sender(),
                    network.id(), e.getMessage());
            refuse(network, portal, event, change, who + " was not " + done(change) + " on " + networkName + ": "
                    + e.getMessage());
            return;
        }
        LOG.info("{} of {} in {} by {} (login {}) done on {}", change, remoteUserId, portal.key(), event.sender(),
                login.get().key(), network.id());
        if (change != Change.INVITE) {
            // Out of the room now: when the network adds them again, the ghost must be invited and joined again.
            rooms.forgetJoined(event.roomId(), event.stateKey().orElseThrow());
        }
    }

    /** Tells the user why, then puts the room back as the network has it. */
    private void refuse(Network network, PortalRow portal, InboundEvent event, Change change, String why) {
        String ghost = event.stateKey().orElseThrow();
        String roomId = event.roomId();
        String undone;
        try {
            undone = switch (change) {
                case INVITE -> {
                    matrix.intent(ghost).ensureRegistered();
                    matrix.intent(ghost).leave(roomId); // declines the invite
                    yield " The invite was withdrawn.";
                }
                case KICK -> {
                    rooms.forgetJoined(roomId, ghost);
                    rooms.ensureJoined(network, roomId, ghost);
                    yield " They are still in the chat there, so they are back in this room.";
                }
                // Unbanning needs the bot's power and a decision a moderator should make: only said.
                case BAN -> " They are still in the chat there.";
            };
        } catch (MatrixException e) {
            LOG.warn("Could not put {} back as it was in {} after a refused {}: {} {}", ghost, roomId, change,
                    e.errcode(), e.error());
            undone = "";
        }
        reports.notice(network, portal.key(), roomId, Optional.of(event.eventId()), why + undone,
                TxnIds.of("member-notice", portal.key(), event.eventId()));
    }

    private static String done(Change change) {
        return change == Change.INVITE ? "added to the chat" : "removed from the chat";
    }

    // The name Matrix shows for the ghost (the member event carries it), else the network's user id.
    private static String name(InboundEvent event, String remoteUserId) {
        String shown = event.json().path("content").path("displayname").asText("");
        return shown.isBlank() ? remoteUserId : shown;
    }
}

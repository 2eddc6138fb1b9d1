package dev.passerelle.core.bridge;

import dev.passerelle.core.command.DirectChat;
import dev.passerelle.core.command.DirectChatException;
import dev.passerelle.core.command.DirectChatException.Reason;
import dev.passerelle.core.command.TypedIdentifier;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.ResolvedIdentifier;
import dev.passerelle.core.store.PortalKey;
import dev.passerelle.core.store.PortalRow;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DMs started from Matrix ({@code start-chat}, the provisioning API's {@code create_dm}): the login's client finds
 * the user and opens the chat on the network, then the portal is created on the chat's own queue, exactly as the
 * chat's first message would have created it, so the two can never race into two rooms. Blocks.
 */
final class DirectChats {

    private static final Logger LOG = LoggerFactory.getLogger(DirectChats.class);

    private final MatrixClient matrix;
    private final PortalRooms rooms;
    private final PortalQueues queues;

    DirectChats(MatrixClient matrix, PortalRooms rooms, PortalQueues queues) {
        this.matrix = matrix;
        this.rooms = rooms;
        this.queues = queues;
    }

    DirectChat find(ActiveLogin login, String identifier, boolean start) throws DirectChatException {
        String networkName = login.network().description().displayName();
        if (!(login.client() instanceof NetworkClient.IdentifierResolving resolving)) {
            throw new DirectChatException(Reason.UNSUPPORTED, networkName
                    + " cannot look users up by phone number or username on this bridge; a chat appears here when"
                    + " its first message arrives.");
        }
        String id = TypedIdentifier.normalized(identifier);
        Optional<ResolvedIdentifier> found;
        try {
            found = resolving.resolveIdentifier(id, start);
        } catch (NetworkException e) {
            throw new DirectChatException(Reason.NETWORK, networkName + " could not look up " + id + ": "
                    + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new DirectChatException(Reason.NOT_FOUND, "No " + networkName + " user matches '" + id
                    + "'; check the phone number (with its country code, e.g. +33...) or the username.");
        }
        ResolvedIdentifier user = found.get();
        String ghost = login.network().ghostIds().mxid(user.remoteUserId());
        Optional<String> name = user.profile().name();
        if (user.dmChatId().isEmpty()) {
            if (start) {
                throw new DirectChatException(Reason.NETWORK, networkName + " found " + name.orElse(
                        user.remoteUserId()) + " but did not open a chat with them; try again later.");
            }
            return new DirectChat(user.remoteUserId(), name, ghost, Optional.empty(), false);
        }
        String chatId = user.dmChatId().get();
        PortalKey key = PortalKey.perLogin(login.key(), chatId);
        if (!start) {
            return new DirectChat(user.remoteUserId(), name, ghost, rooms.existing(key).flatMap(PortalRow::roomId),
                    false);
        }
        return open(login, key, user, ghost);
    }

    private DirectChat open(ActiveLogin login, PortalKey key, ResolvedIdentifier user, String ghost)
            throws DirectChatException {
        String networkName = login.network().description().displayName();
        ChatInfo info;
        try {
            info = login.client().chatInfo(key.chatId());
        } catch (NetworkException e) {
            throw new DirectChatException(Reason.NETWORK, networkName + " could not give the chat with "
                    + user.profile().name().orElse(user.remoteUserId()) + ": " + e.getMessage());
        }
        // A group-like answer means the connector shares this chat between logins: key it the same way events do.
        PortalKey portalKey = info.kind() == ChatInfo.ChatKind.DM ? key
                : PortalKey.shared(key.network(), key.chatId());
        PortalRow[] portal = new PortalRow[1];
        boolean[] created = new boolean[1];
        try {
            queues.runAndWait(PortalQueues.forPortal(portalKey), () -> {
                created[0] = rooms.existing(portalKey).isEmpty();
                portal[0] = rooms.ensure(login, portalKey, Optional.of(info));
            });
        } catch (NetworkException e) {
            throw new DirectChatException(Reason.NETWORK, networkName + " could not give the chat with "
                    + user.profile().name().orElse(user.remoteUserId()) + ": " + e.getMessage());
        } catch (MatrixException e) {
            throw new DirectChatException(Reason.NETWORK, "The homeserver refused to set the chat up ("
                    + e.errcode() + "); try again later.");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String roomId = portal[0].roomId().orElseThrow();
        if (!created[0]) {
            // The user may have left the room since: invite them back (an error only means they are in it).
            try {
                matrix.intent(login.network().botUserId()).invite(roomId, login.userId());
            } catch (MatrixException e) {
                LOG.debug("Re-invite of {} to {} answered {}", login.userId(), roomId, e.errcode());
            }
        }
        return new DirectChat(user.remoteUserId(), user.profile().name(), ghost, Optional.of(roomId), created[0]);
    }
}

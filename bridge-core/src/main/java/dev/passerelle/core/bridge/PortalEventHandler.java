package dev.passerelle.core.bridge;

import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEvent.ChatDeleted;
import dev.passerelle.core.spi.RemoteEvent.ChatInfoChanged;
import dev.passerelle.core.spi.RemoteEvent.Edit;
import dev.passerelle.core.spi.RemoteEvent.Message;
import dev.passerelle.core.spi.RemoteEvent.MessageDeleted;
import dev.passerelle.core.spi.RemoteEvent.PortalEvent;
import dev.passerelle.core.spi.RemoteEvent.Reaction;
import dev.passerelle.core.spi.RemoteEvent.ReactionRemoved;
import dev.passerelle.core.spi.RemoteEvent.ReadReceipt;
import dev.passerelle.core.spi.RemoteEvent.Typing;
import dev.passerelle.core.spi.Sender;
import dev.passerelle.core.store.GhostRow;
import dev.passerelle.core.store.MessageRow;
import dev.passerelle.core.store.MessageStore;
import dev.passerelle.core.store.PortalKey;
import dev.passerelle.core.store.PortalRow;
import dev.passerelle.core.store.StoreFailures;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one {@link PortalEvent} of one login, on its portal's queue: finds or creates the portal, then bridges
 * the event. Events that need an existing message or portal (edits, reactions, receipts...) are dropped quietly
 * when there is none. Blocks.
 */
final class PortalEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PortalEventHandler.class);
    /** The longest wait between two looks at an outage that holds an event. */
    private static final long MAX_OUTAGE_WAIT_MS = 30_000;
    private static final String HOMESERVER_DOWN = "the homeserver is down";

    private final MatrixClient matrix;
    private final MessageStore messages;
    private final Ghosts ghosts;
    private final PortalRooms rooms;
    private final PortalInfoSync infoSync;

    private final RemoteMessages remoteMessages;
    private final RemoteReactions remoteReactions;
    private final DoublePuppets puppets;
    private final PortalCleanup cleanup;
    private final RemotePolls remotePolls;
    private final PortalMoves moves;

    PortalEventHandler(MatrixClient matrix, MessageStore messages, Ghosts ghosts, PortalRooms rooms,
                       PortalInfoSync infoSync, RemoteMessages remoteMessages, RemoteReactions remoteReactions,
                       DoublePuppets puppets, PortalCleanup cleanup, RemotePolls remotePolls, PortalMoves moves) {
        this.remotePolls = remotePolls;
        this.moves = moves;
        this.puppets = puppets;
        this.cleanup = cleanup;
        this.matrix = matrix;
        this.messages = messages;
        this.ghosts = ghosts;
        this.rooms = rooms;
        this.infoSync = infoSync;
        this.remoteMessages = remoteMessages;
        this.remoteReactions = remoteReactions;
    }

    static PortalKey keyOf(Network network, PortalEvent event) {
        return new PortalKey(network.id(), event.portal().chatId(), event.portal().receiver());
    }

    /**
     * Bridges {@code event}. While the database is unavailable (no free connection, a lost connection) or the
     * homeserver is down (see {@link #outage}), the event waits, holding the portal's queue so that order is kept and
     * nothing the network sent meanwhile is lost: every 0.5 s at first and every 30 s after a minute, the homeserver
     * is asked whether it answers again, or the event tried again when the database was the cause. Handling is
     * idempotent, so a second try sends nothing twice. Any other failure is logged with the ids and the event dropped,
     * so the portal goes on.
     *
     * @return true when the event was handled (bridged, or given up on for good); false when the bridge stopped first,
     *         so that whoever waits for it does not take it as done
     */
    boolean handle(ActiveLogin login, PortalEvent event) {
        PortalKey key = keyOf(login.network(), event);
        // Built only for a log line: not on the path of every message.
        Supplier<String> what = () -> event.getClass().getSimpleName() + " of login " + login.key() + " in "
                + key.network() + "/" + key.chatId() + " (receiver '" + key.receiver() + "')";
        int waits = 0;
        while (true) {
            Optional<String> outage;
            try {
                dispatch(login, key, event);
                if (waits > 0) {
                    LOG.info("Bridged {} after waiting out the outage", what.get());
                }
                return true;
            } catch (NetworkException | RuntimeException e) {
                if (interrupted(e)) {
                    LOG.warn("Not bridged, the bridge is stopping: {}", what.get());
                    return false;
                }
                outage = outage(e);
                if (outage.isEmpty()) {
                    LOG.error("Could not bridge {}: {}", what.get(), e.toString(), e);
                    return true;
                }
                if (waits == 0) {
                    LOG.warn("Could not bridge {}: {} ({}); holding this chat's events until it is back", what.get(),
                            outage.get(), e.getMessage());
                }
            }
            // Until the outage is over; the homeserver is asked directly, which costs less than the event's requests.
            do {
                waits++;
                long waitMs = Math.min(MAX_OUTAGE_WAIT_MS, 500L << Math.min(waits - 1, 16));
                if (waits % 10 == 0) { // about every five minutes: one line per held portal
                    LOG.warn("Still holding {}: {} (waited {} times)", what.get(), outage.get(), waits);
                }
                if (!pause(waitMs)) {
                    LOG.warn("Not bridged, the bridge is stopping: {}, held by the outage; a network that keeps "
                            + "history sends it again at the next connection", what.get());
                    return false;
                }
            } while (outage.get().equals(HOMESERVER_DOWN) && !matrix.answers());
        }
    }

    /** Whether {@code failure} is the bridge stopping this thread (it is interrupted at shutdown). */
    private static boolean interrupted(Throwable failure) {
        return causes(failure).anyMatch(t -> t instanceof InterruptedException)
                || Thread.currentThread().isInterrupted();
    }

    /** {@code failure} and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }

    /**
     * What is down when {@code failure} came from the database being unavailable or the homeserver being down (it
     * does not answer even a trivial request); empty for any other failure, one of this event alone.
     */
    private Optional<String> outage(Throwable failure) {
        if (StoreFailures.isTransient(failure)) {
            return Optional.of("the database is unavailable");
        }
        boolean mayBeDown = causes(failure).anyMatch(t -> t instanceof MatrixException m && m.mayMeanHomeserverDown());
        return mayBeDown && !matrix.answers() ? Optional.of(HOMESERVER_DOWN) : Optional.empty();
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void dispatch(ActiveLogin login, PortalKey key, PortalEvent event) throws NetworkException {
        Network network = login.network();
        Optional<PortalKey> movedTo = moves.movedTo(key);
        if (movedTo.isPresent() && (event instanceof ChatInfoChanged || event instanceof ChatDeleted
                || event instanceof RemoteEvent.PortalMoved)) {
            // The old chat's own life (renamed "deactivated", deleted, moved again) is not the portal's any more.
            LOG.debug("{} of {}/{}, which moved to {}: ignored", event.getClass().getSimpleName(), key.network(),
                    key.chatId(), movedTo.get().chatId());
            return;
        }
        switch (event) {
            case Message m -> {
                PortalRow portal = movedTo.isPresent() ? moves.ensure(login, key, movedTo.get())
                        : rooms.ensure(login, key, Optional.empty());
                remoteMessages.message(portal, sender(login, portal, m.sender()), m);
            }
            case Edit e -> {
                Optional<PortalRow> portal = existing(key, movedTo);
                if (portal.isPresent()) {
                    remoteMessages.edit(portal.get(), sender(login, portal.get(), e.sender()), e);
                }
            }
            case Reaction r -> {
                Optional<PortalRow> portal = existing(key, movedTo);
                if (portal.isPresent()) {
                    remoteReactions.add(network, portal.get(), sender(login, portal.get(), r.sender()), r);
                }
            }
            case ReactionRemoved r -> {
                Optional<PortalRow> portal = existing(key, movedTo);
                if (portal.isPresent()) {
                    remoteReactions.remove(network, portal.get(), actor(login, r.sender()), r);
                }
            }
            case MessageDeleted d -> existing(key, movedTo).ifPresent(p -> remoteMessages.delete(network, p, d));
            case ReadReceipt r -> {
                Optional<PortalRow> portal = existing(key, movedTo);
                Optional<MessageRow> read = portal.flatMap(p -> messages.getParts(key, r.messageId()).stream()
                        .reduce((a, b) -> b));
                if (read.isPresent()) {
                    String reader = sender(login, portal.get(), r.sender());
                    if (matrix.intent(reader).isDoublePuppet()) {
                        puppets.receiptSent(read.get().roomId(), reader, read.get().eventId());
                    }
                    matrix.intent(reader).sendReceipt(read.get().roomId(), read.get().eventId(), "m.read");
                }
            }
            case Typing t -> {
                Optional<PortalRow> portal = existing(key, movedTo);
                if (portal.isPresent()) {
                    String typist = sender(login, portal.get(), t.sender());
                    matrix.intent(typist).setTyping(portal.get().roomId().orElseThrow(), t.typing(),
                            t.timeout().toMillis());
                }
            }
            case ChatInfoChanged c -> {
                Optional<PortalRow> portal = rooms.existing(key);
                if (portal.isPresent()) {
                    rooms.ensure(login, key, Optional.of(c.info()));
                    infoSync.apply(login, portal.get(), c.info());
                } else {
                    rooms.ensure(login, key, Optional.of(c.info()));
                }
            }
            case ChatDeleted d -> rooms.existing(key).ifPresent(p -> cleanup.chatGone(login, p));
            case RemoteEvent.PollVote v -> {
                Optional<PortalRow> portal = rooms.existing(key);
                if (portal.isPresent()) {
                    remotePolls.vote(portal.get(), sender(login, portal.get(), v.sender()), v);
                }
            }
            case RemoteEvent.PortalMoved mv -> moves.follow(login, key, mv);
        }
    }

    // A moved chat's events reach the portal it moved to, seen under the old key (see PortalMoves#existing).
    private Optional<PortalRow> existing(PortalKey key, Optional<PortalKey> movedTo) {
        return movedTo.isPresent() ? moves.existing(key, movedTo.get()) : rooms.existing(key);
    }

    /**
     * Who acts in Matrix for {@code sender}, joined to the room: the login's user through their double puppet when
     * it is their own action and their server has one, else the sender's ghost (registered, with a profile).
     */
    private String sender(ActiveLogin login, PortalRow portal, Sender sender) {
        String mxid = actor(login, sender);
        if (mxid.equals(login.userId())) {
            rooms.ensureJoined(login.network(), portal.roomId().orElseThrow(), mxid);
            return mxid;
        }
        GhostRow ghost = ghosts.ensure(login.network(), sender.remoteUserId(), login.client());
        rooms.ensureJoined(login.network(), portal.roomId().orElseThrow(), ghost.mxid());
        return ghost.mxid();
    }

    // Without joining or fetching a profile: for undoing what that actor did.
    private String actor(ActiveLogin login, Sender sender) {
        if (sender.fromMe()) {
            Optional<String> puppet = puppets.of(login.userId());
            if (puppet.isPresent()) {
                return puppet.get();
            }
        }
        return login.network().ghostIds().mxid(sender.remoteUserId());
    }
}

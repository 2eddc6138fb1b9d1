package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkClient.HistoryPoint;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.store.LoginKey;
import dev.passerelle.core.store.PortalKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a chat's history from the network and hands each message, oldest first, to the live message handling
 * (which skips what is bridged already): catch-up after a (re)connect resumes after the portal's last bridged
 * message; backfill on portal creation takes the latest messages. Blocks; call from the portal's queue, so that
 * nothing of the same portal runs in between. Failures are logged and end that portal's run only.
 */
final class PortalHistory {

    private static final Logger LOG = LoggerFactory.getLogger(PortalHistory.class);

    /** How many messages a new portal gets from before its first event unless {@code bridge.backfill.limit} says. */
    static final int BACKFILL_LIMIT = dev.passerelle.core.config.BackfillSettings.DEFAULT_LIMIT;
    /** Messages asked for per call while catching up. */
    static final int PAGE_SIZE = 100;
    /** At most this many messages per portal per catch-up, so that a long absence cannot flood a room. */
    static final int CATCH_UP_CAP = 1_000;

    private final Function<PortalKey, Optional<HistoryPoint>> lastBridged;
    private final int pageSize;
    private final int catchUpCap;
    private final int backfillLimit;
    /** Networks already logged as having no history, to say it once. */
    private final Set<String> withoutHistory = ConcurrentHashMap.newKeySet();

    /**
     * @param lastBridged the portal's last bridged message (where catch-up resumes); empty when none
     */
    PortalHistory(Function<PortalKey, Optional<HistoryPoint>> lastBridged, int pageSize, int catchUpCap,
                  int backfillLimit) {
        if (pageSize < 1 || catchUpCap < 1 || backfillLimit < 0) {
            throw new IllegalArgumentException("page size and cap must be positive, backfill limit not negative; got "
                    + pageSize + ", " + catchUpCap + ", " + backfillLimit);
        }
        this.lastBridged = lastBridged;
        this.pageSize = pageSize;
        this.catchUpCap = catchUpCap;
        this.backfillLimit = backfillLimit;
    }

    /** Whether {@code client} can fetch history; logs once per network at debug when it cannot. */
    boolean canFetch(LoginKey login, NetworkClient client) {
        if (client instanceof NetworkClient.HistoryFetching) {
            return true;
        }
        if (withoutHistory.add(login.network())) {
            LOG.debug("The clients of {} cannot fetch history: no catch-up or backfill for its portals",
                    login.network());
        }
        return false;
    }

    /**
     * Bridges what the chat got after the portal's last bridged message, page by page until a page is short or
     * {@link #CATCH_UP_CAP} messages were handed over. With nothing bridged yet, starts from the latest
     * {@code backfillLimit} messages.
     *
     * @return how many messages were handed to {@code bridge}
     */
    int catchUp(LoginKey login, NetworkClient client, PortalKey portal, Consumer<RemoteEvent.Message> bridge) {
        if (!canFetch(login, client)) {
            return 0;
        }
        var history = (NetworkClient.HistoryFetching) client;
        Optional<HistoryPoint> after = lastBridged.apply(portal);
        int handed = 0;
        try {
            while (handed < catchUpCap) {
                int want = after.isEmpty() ? Math.min(backfillLimit, catchUpCap - handed)
                        : Math.min(pageSize, catchUpCap - handed);
                if (want == 0) {
                    break;
                }
                List<RemoteEvent.Message> page = history.fetchMessages(portal.chatId(), after, want);
                List<RemoteEvent.Message> taken = page.size() > want ? page.subList(0, want) : page;
                taken.forEach(bridge);
                handed += taken.size();
                if (taken.size() < want) {
                    break;
                }
                RemoteEvent.Message last = taken.getLast();
                after = Optional.of(new HistoryPoint(last.messageId(), last.timestamp()));
                if (handed >= catchUpCap) {
                    LOG.warn("Catch-up of {}/{} (receiver '{}') for login {} stopped at its cap of {} messages; "
                            + "what came after message {} while away is not bridged", portal.network(),
                            portal.chatId(), portal.receiver(), login, catchUpCap, last.messageId());
                }
            }
        } catch (NetworkException | RuntimeException e) {
            LOG.error("Catch-up of {}/{} (receiver '{}') for login {} failed after {} messages: {}",
                    portal.network(), portal.chatId(), portal.receiver(), login, handed, e.toString(), e);
            return handed;
        }
        if (handed > 0) {
            LOG.info("Caught up {} messages in {}/{} (receiver '{}') for login {}", handed, portal.network(),
                    portal.chatId(), portal.receiver(), login);
        }
        return handed;
    }

    /**
     * Bridges the latest {@code backfillLimit} messages of a new portal's chat, oldest first, with their original
     * timestamps.
     *
     * @return how many messages were handed to {@code bridge}
     */
    int backfill(LoginKey login, NetworkClient client, PortalKey portal, Consumer<RemoteEvent.Message> bridge) {
        if (backfillLimit == 0 || !canFetch(login, client)) {
            return 0;
        }
        try {
            List<RemoteEvent.Message> page = ((NetworkClient.HistoryFetching) client)
                    .fetchMessages(portal.chatId(), Optional.empty(), backfillLimit);
            List<RemoteEvent.Message> taken = page.size() > backfillLimit
                    ? page.subList(page.size() - backfillLimit, page.size()) : page;
            taken.forEach(bridge);
            LOG.info("Backfilled {} messages into the new portal {}/{} (receiver '{}')", taken.size(),
                    portal.network(), portal.chatId(), portal.receiver());
            return taken.size();
        } catch (NetworkException | RuntimeException e) {
            LOG.error("Backfill of the new portal {}/{} (receiver '{}') for login {} failed: {}", portal.network(),
                    portal.chatId(), portal.receiver(), login, e.toString(), e);
            return 0;
        }
    }
}

package dev.passerelle.core.webhook;

import dev.passerelle.core.intake.IntakeClosedException;
import dev.passerelle.core.intake.RoomQueue;
import dev.passerelle.core.spi.WebhookReceiving;
import dev.passerelle.core.spi.WebhookReceiving.WebhookDelivery;
import dev.passerelle.core.store.Database;
import dev.passerelle.core.store.StoreUnavailableException;
import dev.passerelle.core.store.WebhookDeliveryRow;
import dev.passerelle.core.store.WebhookInboxStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable intake of networks' webhooks, the counterpart of the homeserver's
 * {@link dev.passerelle.core.intake.TransactionIntake}: a delivery is stored in one commit before it is
 * acknowledged, then handed to its connector on that network's ordered queue and marked done once handled. At start,
 * the deliveries not done are handed again first. Methods block on the database; call them from virtual threads.
 */
public final class WebhookInbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookInbox.class);
    /** Handled deliveries are kept this long, to recognise the same body sent again. */
    static final Duration KEEP_DONE = Duration.ofDays(7);

    /** Whether a delivery was stored now or had been before. */
    public enum Accepted { STORED, DUPLICATE }

    private final WebhookInboxStore store;
    private final Map<String, WebhookReceiving> receivers;
    private final Map<String, RoomQueue> queues = new LinkedHashMap<>();
    private final Set<Thread> drainers = RoomQueue.newDrainerSet();
    private final DeliveryRetries retries;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Deliveries queued or in hand, by sequence number. */
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private long nextSeq;
    private volatile boolean closed;

    private WebhookInbox(Database database, Map<String, WebhookReceiving> receivers, DeliveryRetries retries,
                         Clock clock) {
        this.store = new WebhookInboxStore(database);
        this.receivers = Map.copyOf(receivers);
        this.retries = retries;
        this.clock = clock;
        receivers.keySet().forEach(n -> queues.put(n, new RoomQueue("webhook " + n, drainers)));
    }

    /**
     * Opens the inbox for the connectors that receive webhooks (by network id) and hands them their deliveries not
     * done before the last stop, in order.
     *
     * @throws StoreUnavailableException when the database cannot be read
     */
    public static WebhookInbox open(Database database, Map<String, WebhookReceiving> receivers,
                                    DeliveryRetries retries) {
        WebhookInbox inbox = new WebhookInbox(database, receivers, retries, Clock.systemUTC());
        try {
            inbox.resume();
        } catch (DataAccessException e) {
            throw new StoreUnavailableException("could not resume the webhook inbox from the database: "
                    + e.getMessage() + ". Check that the database is running.", e);
        }
        return inbox;
    }

    private void resume() {
        lock.lock();
        try {
            nextSeq = store.maxSeq() + 1;
            int removed = store.deleteDoneBefore(clock.instant().minus(KEEP_DONE));
            LOG.debug("Webhook inbox: {} handled deliveries older than {} deleted", removed, KEEP_DONE);
            for (String network : receivers.keySet()) {
                List<WebhookDeliveryRow> pending = store.pending(network);
                if (!pending.isEmpty()) {
                    LOG.info("Resuming webhooks of {}: {} deliveries not handled before the last stop are handed "
                            + "again", network, pending.size());
                }
                pending.forEach(row -> submit(row, true));
            }
        } finally {
            lock.unlock();
        }
    }

    /** The networks with a webhook endpoint. */
    public Set<String> networks() {
        return receivers.keySet();
    }

    /** The connector of {@code network}, when it receives webhooks. */
    public Optional<WebhookReceiving> receiver(String network) {
        return Optional.ofNullable(receivers.get(network));
    }

    /**
     * Stores an authenticated delivery and queues it for its connector; returns once it is committed (the caller
     * may then answer 200).
     *
     * @throws StoreUnavailableException when it could not be stored: answer 503, nothing was queued
     * @throws IntakeClosedException     when the bridge is stopping
     * @throws IllegalArgumentException  when {@code network} receives no webhooks
     */
    public Accepted accept(String network, String path, byte[] body) {
        if (!receivers.containsKey(network)) {
            throw new IllegalArgumentException("network " + network + " receives no webhooks");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String hash = sha256(body);
        lock.lock();
        try {
            if (closed) {
                throw new IntakeClosedException();
            }
            long seq = nextSeq++; // consumed even on failure: a commit reported as failed may still have landed
            boolean inserted;
            try {
                inserted = store.insert(seq, network, path, hash, text, clock.instant());
            } catch (DataAccessException e) {
                throw new StoreUnavailableException("could not store a webhook delivery of " + network + ": "
                        + e.getMessage(), e);
            }
            if (!inserted) {
                queueIfLost(network, hash);
                return Accepted.DUPLICATE;
            }
            submit(new WebhookDeliveryRow(seq, network, path, text, clock.instant()), false);
            return Accepted.STORED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A body stored before: usually handled already. If it is stored but was never queued (its commit was reported
     * as failed but landed), queue it now instead of waiting for a restart.
     */
    private void queueIfLost(String network, String hash) {
        try {
            store.findPending(network, hash).filter(row -> !queued.contains(row.seq()))
                    .ifPresent(row -> {
                        LOG.info("Webhook delivery {} of {} was stored but never handed on; handing it now",
                                row.seq(), network);
                        submit(row, true);
                    });
        } catch (DataAccessException e) {
            LOG.debug("Could not look for a lost delivery of {}: {}", network, e.getMessage());
        }
    }

    private void submit(WebhookDeliveryRow row, boolean replay) {
        queued.add(row.seq());
        WebhookReceiving receiver = receivers.get(row.network());
        WebhookDelivery delivery = new WebhookDelivery(row.seq(), row.path(), row.body(), row.receivedAt(), replay);
        queues.get(row.network()).submit(() -> handle(row.network(), receiver, delivery));
    }

    private void handle(String network, WebhookReceiving receiver, WebhookDelivery delivery) {
        try {
            handleOnce(network, receiver, delivery);
        } finally {
            queued.remove(delivery.seq());
        }
    }

    private void handleOnce(String network, WebhookReceiving receiver, WebhookDelivery delivery) {
        try {
            retries.run("webhook delivery " + delivery.seq() + " of " + network,
                    () -> receiver.handleWebhook(delivery));
        } catch (InterruptedException e) {
            LOG.info("Webhook delivery {} of {} was interrupted by the shutdown; it is handed again at the next "
                    + "start", delivery.seq(), network);
            return;
        }
        try {
            store.markDone(delivery.seq(), clock.instant());
        } catch (DataAccessException e) {
            // Handled but not recorded: handed again at the next start, and the engine skips what it has bridged.
            LOG.warn("Webhook delivery {} of {} was handled but could not be marked done: {}", delivery.seq(),
                    network, e.getMessage());
        }
    }

    /** Takes no more deliveries, interrupts the ones in hand after {@code grace}; those are handed again later. */
    public void close(Duration grace) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        queues.values().forEach(RoomQueue::stop);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : List.copyOf(drainers)) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    t.interrupt();
                    t.join(Duration.ofSeconds(2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package dev.passerelle.core.intake;

import dev.passerelle.core.store.IntakePosition;
import dev.passerelle.core.store.IntakeStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What has been handled, kept in memory and written in batches: every few tens of milliseconds one database
 * transaction records each touched room's last done event and completes the transactions whose events are all
 * done. If the database is down the batch is kept and written later; handlers go on meanwhile. Events done but not
 * yet written are handed again after a crash (at-least-once).
 *
 * <p>Also deletes completed transactions after {@link #RETENTION}; they are kept that long so that a repeated
 * transaction id is still recognised.
 */
final class IntakeProgress {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeProgress.class);
    static final Duration RETENTION = Duration.ofDays(7);
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);

    private final IntakeStore intakeStore;
    private final Clock clock;
    private final Duration flushInterval;
    private final Object lock = new Object();
    /** Events not yet done per transaction seq; a seq stays here until its completion is written. */
    private final Map<Long, Integer> remaining = new HashMap<>();
    private final Map<String, IntakePosition> unwrittenRooms = new HashMap<>();
    private final Set<Long> unwrittenCompletions = new HashSet<>();
    private volatile boolean running;
    private Thread flusher;
    private boolean lastFlushFailed;
    private long lastCleanup;

    IntakeProgress(IntakeStore intakeStore, Clock clock, Duration flushInterval) {
        this.intakeStore = intakeStore;
        this.clock = clock;
        this.flushInterval = flushInterval;
    }

    /** Starts tracking a transaction whose {@code count} events are being dispatched. */
    void register(long seq, int count) {
        synchronized (lock) {
            remaining.put(seq, count);
            if (count == 0) {
                unwrittenCompletions.add(seq);
            }
        }
    }

    /** Whether this run dispatched the transaction and has not yet recorded it completed. */
    boolean isTracked(long seq) {
        synchronized (lock) {
            return remaining.containsKey(seq);
        }
    }

    /** Records that every handler is through with {@code event}; never blocks on the database. */
    void done(InboundEvent event) {
        synchronized (lock) {
            IntakePosition position = event.position();
            unwrittenRooms.merge(event.roomId(), position, (a, b) -> a.isAfter(b) ? a : b);
            Integer left = remaining.get(event.txnSeq());
            if (left != null) {
                remaining.put(event.txnSeq(), left - 1);
                if (left - 1 <= 0) {
                    unwrittenCompletions.add(event.txnSeq());
                }
            }
        }
    }

    /** Starts the background writer. */
    void start() {
        running = true;
        lastCleanup = clock.millis() - CLEANUP_EVERY.toMillis(); // clean up soon after start
        flusher = Thread.ofVirtual().name("intake-progress").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(lastFlushFailed ? Duration.ofSeconds(1) : flushInterval);
            } catch (InterruptedException e) {
                return;
            }
            flushQuietly();
            cleanupIfDue();
        }
    }

    private void flushQuietly() {
        try {
            flush();
            if (lastFlushFailed) {
                LOG.info("Intake progress is being recorded again");
            }
            lastFlushFailed = false;
        } catch (RuntimeException e) {
            if (!lastFlushFailed) {
                LOG.warn("Could not record intake progress ({}); handling goes on and progress is written once the "
                        + "database answers. Events handled meanwhile may be handed again after a crash.", e.toString());
            }
            lastFlushFailed = true;
        }
    }

    /** Writes what is done so far in one database transaction; throws when the database cannot be reached. */
    void flush() {
        Map<String, IntakePosition> rooms;
        List<Long> completions;
        synchronized (lock) {
            if (unwrittenRooms.isEmpty() && unwrittenCompletions.isEmpty()) {
                return;
            }
            rooms = new HashMap<>(unwrittenRooms);
            completions = new ArrayList<>(unwrittenCompletions);
            unwrittenRooms.clear();
            unwrittenCompletions.clear();
        }
        try {
            intakeStore.recordProgress(rooms, completions, clock.millis());
        } catch (RuntimeException e) {
            synchronized (lock) {
                rooms.forEach((room, pos) -> unwrittenRooms.merge(room, pos, (a, b) -> a.isAfter(b) ? a : b));
                unwrittenCompletions.addAll(completions);
            }
            throw e;
        }
        synchronized (lock) {
            completions.forEach(remaining::remove);
        }
    }

    private void cleanupIfDue() {
        long now = clock.millis();
        if (now - lastCleanup < CLEANUP_EVERY.toMillis()) {
            return;
        }
        lastCleanup = now;
        try {
            int deleted = intakeStore.deleteCompletedBefore(now - RETENTION.toMillis());
            if (deleted > 0) {
                LOG.info("Deleted {} completed transactions older than {} days", deleted, RETENTION.toDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not delete old completed transactions ({}); will try again later", e.toString());
        }
    }

    /** Stops the background writer and writes what is left (once; a failure is logged and replayed after restart). */
    void stop() {
        running = false;
        if (flusher != null) {
            // No interrupt: on a virtual thread it would close the JDBC socket in the middle of a flush.
            try {
                flusher.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Could not record the last intake progress at shutdown ({}); those events will be handed again "
                    + "at the next start", e.toString());
        }
    }
}

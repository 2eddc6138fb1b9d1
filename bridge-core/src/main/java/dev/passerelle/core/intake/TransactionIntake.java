package dev.passerelle.core.intake;

import dev.passerelle.core.store.IntakePosition;
import dev.passerelle.core.store.IntakeStore;
import dev.passerelle.core.store.StoredTransaction;
import dev.passerelle.core.metrics.IntakeMetrics;
import dev.passerelle.core.store.Database;
import dev.passerelle.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable intake: every transaction with room events is stored (its body as one row, one commit) before it is
 * acknowledged, then its events are dispatched. Arrival order, sequence number and dispatch order are the same
 * because all three happen under one lock. A restart resumes every event not yet recorded as done.
 *
 * <p>Methods block on the database; call them from virtual threads.
 */
public final class TransactionIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionIntake.class);
    private static final int RECENT_IDS = 10_000;
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(25);

    private final IntakeStore intakeStore;
    private final IntakeProgress progress;
    private final Dispatcher dispatcher;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final ReentrantLock intakeLock = new ReentrantLock();
    /** Transaction ids acknowledged by this run, newest last; checked before the database. */
    private final Map<String, Boolean> recentIds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_IDS;
        }
    };
    private long nextSeq;
    private volatile boolean closed;

    private TransactionIntake(Database database, List<InboundEventHandler> handlers, HandlerRetries retry,
                              IntakeMetrics metrics, Clock clock) {
        this.intakeStore = new IntakeStore(database);
        this.progress = new IntakeProgress(intakeStore, clock, FLUSH_INTERVAL);
        this.dispatcher = new Dispatcher(handlers, retry, progress, metrics);
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Opens the intake and resumes it: every stored event not yet done is dispatched again (flagged as a replay)
     * before this returns, so that new transactions queue behind it.
     *
     * @throws StoreUnavailableException when the database cannot be read
     */
    public static TransactionIntake open(Database database, List<InboundEventHandler> handlers, HandlerRetries retry,
                                         IntakeMetrics metrics) {
        TransactionIntake intake = new TransactionIntake(database, handlers, retry, metrics, Clock.systemUTC());
        try {
            intake.resume();
        } catch (DataAccessException e) {
            throw new StoreUnavailableException("could not resume the intake from the database: " + e.getMessage()
                    + ". Check that the database is running; the bridge resumes where it stopped once it is.", e);
        }
        intake.progress.start();
        return intake;
    }

    private void resume() {
        intakeLock.lock();
        try {
            nextSeq = intakeStore.maxSeq() + 1;
            Map<String, IntakePosition> rooms = intakeStore.roomProgress();
            int replayed = 0;
            for (StoredTransaction txn : intakeStore.pending()) {
                replayed += redispatch(txn, rooms);
                recentIds.put(txn.txnId(), Boolean.TRUE);
            }
            metrics.eventsReplayed(replayed);
            if (replayed > 0) {
                LOG.info("Resuming the intake: {} events that were not done before the last stop are handed again",
                        replayed);
            }
        } finally {
            intakeLock.unlock();
        }
    }

    /** Dispatches the events of a stored transaction that are after their room's progress; returns how many. */
    private int redispatch(StoredTransaction txn, Map<String, IntakePosition> rooms) {
        List<InboundEvent> events = txn.body().flatMap(body -> parseStored(txn, body))
                .map(b -> b.inboundEvents(txn.seq(), true)).orElse(List.of());
        List<InboundEvent> todo = events.stream().filter(e -> {
            IntakePosition done = rooms.get(e.roomId());
            return done == null || e.position().isAfter(done);
        }).toList();
        progress.register(txn.seq(), todo.size());
        todo.forEach(dispatcher::dispatch);
        return todo.size();
    }

    private static Optional<TransactionBody> parseStored(StoredTransaction txn, String body) {
        try {
            return Optional.of(TransactionBody.parse(body.getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidTransactionException e) {
            // Only validated bodies are stored, so this means the row was altered by hand.
            LOG.error("Stored transaction {} (seq {}) cannot be read again ({}); its events are skipped",
                    txn.txnId(), txn.seq(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Stores a validated transaction and dispatches its events; returns once it is committed (the caller may then
     * answer 200). Ephemeral and to-device events are handed on without being stored.
     *
     * @throws StoreUnavailableException when it could not be stored: answer 5xx, nothing was dispatched
     * @throws IntakeClosedException     when the intake is closing
     */
    public AcceptResult accept(String txnId, byte[] rawBody, TransactionBody body) {
        intakeLock.lock();
        try {
            if (closed) {
                throw new IntakeClosedException();
            }
            if (recentIds.containsKey(txnId)) {
                return AcceptResult.DUPLICATE;
            }
            // A transaction of only ephemeral events costs no commit: those are not stored anyway.
            AcceptResult result = body.events().isEmpty() ? AcceptResult.ACCEPTED : store(txnId, rawBody, body);
            recentIds.put(txnId, Boolean.TRUE);
            if (result == AcceptResult.ACCEPTED) {
                dispatcher.dispatchUnstored(body.ephemeral(), body.toDevice());
            }
            return result;
        } finally {
            intakeLock.unlock();
        }
    }

    private AcceptResult store(String txnId, byte[] rawBody, TransactionBody body) {
        long seq = nextSeq++; // consumed even on failure: a commit that failed may still have landed
        try {
            if (!intakeStore.insert(seq, txnId, new String(rawBody, StandardCharsets.UTF_8), body.events().size(),
                    clock.millis())) {
                return alreadyStored(txnId);
            }
        } catch (DataAccessException e) {
            throw new StoreUnavailableException("could not store transaction " + txnId + ": " + e.getMessage(), e);
        }
        List<InboundEvent> events = body.inboundEvents(seq, false);
        progress.register(seq, events.size());
        metrics.eventsReceived(events.size());
        events.forEach(dispatcher::dispatch);
        return AcceptResult.ACCEPTED;
    }

    /**
     * The id is in the database but not in memory: usually a transaction from before a restart. If it was stored
     * but never dispatched (a commit reported as failed that did land), dispatch it now.
     */
    private AcceptResult alreadyStored(String txnId) {
        StoredTransaction txn = intakeStore.find(txnId).orElseThrow(() -> new StoreUnavailableException(
                "transaction " + txnId + " was reported as stored but cannot be read back", null));
        if (!txn.completed() && !progress.isTracked(txn.seq())) {
            LOG.info("Transaction {} (seq {}) was stored but not dispatched; dispatching it now", txnId, txn.seq());
            redispatch(txn, intakeStore.roomProgress());
        }
        return AcceptResult.DUPLICATE;
    }

    /** Events dispatched and not yet done. */
    public long pendingEvents() {
        return dispatcher.pendingEvents();
    }

    /** Whether {@link #close()} has begun. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Takes no more transactions, lets each handler finish the event in hand (up to {@code grace}), records the
     * progress and stops. Events not done are handed again at the next start.
     */
    public void close(Duration grace) {
        intakeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            intakeLock.unlock();
        }
        dispatcher.stop(grace);
        progress.stop();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}

package dev.passerelle.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The intake's meters: transactions by result, events received / processed / failed, the time from a request's
 * arrival to its 200, and the number of events waiting to be handled. Thread-safe; calls never block.
 */
public final class IntakeMetrics {

    /** What became of a {@code PUT /transactions} request. */
    public enum TransactionResult {
        /** Stored and acknowledged. */
        ACCEPTED,
        /** A transaction id seen before: acknowledged, not dispatched again. */
        DUPLICATE,
        /** Refused for the client's fault (auth, malformed, too large): 4xx, nothing stored. */
        REJECTED,
        /** Could not be stored (database unavailable, shutting down): 5xx, the homeserver retries. */
        FAILED
    }

    private final MeterRegistry registry;
    private final Map<TransactionResult, Counter> transactions = new EnumMap<>(TransactionResult.class);
    private final Counter received;
    private final Counter processed;
    private final Counter failed;
    private final Counter replayed;
    private final Timer ack;

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (TransactionResult result : TransactionResult.values()) {
            transactions.put(result, Counter.builder("passerelle.intake.transactions")
                    .description("Transactions pushed by the homeserver, by what became of them")
                    .tag("result", result.name().toLowerCase())
                    .register(registry));
        }
        received = Counter.builder("passerelle.intake.events.received")
                .description("Room events stored from accepted transactions").register(registry);
        processed = Counter.builder("passerelle.intake.events.processed")
                .description("Room events every handler has handled").register(registry);
        failed = Counter.builder("passerelle.intake.events.failed")
                .description("Room events skipped after a handler kept failing").register(registry);
        replayed = Counter.builder("passerelle.intake.events.replayed")
                .description("Stored room events handed again at start because they were not done before the stop")
                .register(registry);
        ack = Timer.builder("passerelle.intake.ack")
                .description("Time from a transaction's arrival to its 200 answer").register(registry);
    }

    public void transaction(TransactionResult result) {
        transactions.get(result).increment();
    }

    public void eventsReceived(int count) {
        received.increment(count);
    }

    public void eventProcessed() {
        processed.increment();
    }

    public void eventFailed() {
        failed.increment();
    }

    public void eventsReplayed(int count) {
        replayed.increment(count);
    }

    public Timer ackTimer() {
        return ack;
    }

    /** Registers the gauge of events dispatched but not yet done; {@code pending} is read at each scrape. */
    public void pendingEvents(Supplier<Number> pending) {
        Gauge.builder("passerelle.intake.events.pending", pending)
                .description("Room events waiting for or being handled").register(registry);
    }
}

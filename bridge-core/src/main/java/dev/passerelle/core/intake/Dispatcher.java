package dev.passerelle.core.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.metrics.IntakeMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the handlers: one {@link RoomQueue} per room so that a room's events are handled strictly in
 * order, rooms in parallel. Each handler gets the event in turn; one that throws is retried with backoff
 * ({@link HandlerRetries}); if it still fails, the event is logged, counted as failed and marked done anyway, so that
 * one poison event cannot block its room forever. Ephemeral and to-device events go through one queue of their own.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final List<InboundEventHandler> handlers;
    private final HandlerRetries retry;
    private final IntakeProgress progress;
    private final IntakeMetrics metrics;
    private final Set<Thread> drainers = RoomQueue.newDrainerSet();
    private final Map<String, RoomQueue> rooms = new ConcurrentHashMap<>();
    private final RoomQueue ephemeralQueue = new RoomQueue("ephemeral", drainers);
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean stopping;

    Dispatcher(List<InboundEventHandler> handlers, HandlerRetries retry, IntakeProgress progress, IntakeMetrics metrics) {
        this.handlers = List.copyOf(handlers);
        this.retry = retry;
        this.progress = progress;
        this.metrics = metrics;
        metrics.pendingEvents(pending::get);
    }

    /** Queues a room event behind the earlier events of its room; never blocks. */
    void dispatch(InboundEvent event) {
        if (stopping) {
            return; // not done: handed again after restart
        }
        pending.incrementAndGet();
        rooms.computeIfAbsent(event.roomId(), room -> new RoomQueue(room.isEmpty() ? "(no room)" : room, drainers))
                .submit(() -> process(event));
    }

    /** Queues ephemeral and to-device events, handed once in arrival order; never blocks. */
    void dispatchUnstored(List<ObjectNode> ephemeral, List<ObjectNode> toDevice) {
        if (ephemeral.isEmpty() && toDevice.isEmpty()) {
            return;
        }
        ephemeralQueue.submit(() -> {
            for (InboundEventHandler handler : handlers) {
                for (ObjectNode e : ephemeral) {
                    runQuietly(() -> handler.handleEphemeral(e), handler, "ephemeral " + e.path("type").asText());
                }
                for (ObjectNode e : toDevice) {
                    runQuietly(() -> handler.handleToDevice(e), handler, "to-device " + e.path("type").asText());
                }
            }
        });
    }

    long pendingEvents() {
        return pending.get();
    }

    private void process(InboundEvent event) {
        boolean allHandled = true;
        for (InboundEventHandler handler : handlers) {
            Outcome outcome = handleWithRetries(handler, event);
            if (outcome == Outcome.INTERRUPTED) {
                return; // shutting down: not done, it is handed again after restart
            }
            allHandled &= outcome == Outcome.HANDLED;
        }
        if (allHandled) {
            metrics.eventProcessed();
        } else {
            metrics.eventFailed();
        }
        pending.decrementAndGet();
        progress.done(event);
    }

    private enum Outcome { HANDLED, GAVE_UP, INTERRUPTED }

    private Outcome handleWithRetries(InboundEventHandler handler, InboundEvent event) {
        for (int attempt = 0; ; attempt++) {
            try {
                handler.handle(event);
                return Outcome.HANDLED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.INTERRUPTED;
            } catch (Exception | LinkageError e) {
                if (attempt >= retry.retries()) {
                    LOG.error("Handler {} failed {} times on event {} (txn_seq={} index={} room_id={} type={}); "
                                    + "skipping it so that the room goes on", handler.getClass().getName(), attempt + 1,
                            event.eventId(), event.txnSeq(), event.index(), event.roomId(), event.type(), e);
                    return Outcome.GAVE_UP;
                }
                Duration delay = retry.delayBefore(attempt + 1);
                LOG.warn("Handler {} failed on event {} (txn_seq={} index={} room_id={}): {}; retry {} of {} in {} ms",
                        handler.getClass().getName(), event.eventId(), event.txnSeq(), event.index(), event.roomId(),
                        e.toString(), attempt + 1, retry.retries(), delay.toMillis());
                if (stopping || !pause(delay) || stopping) {
                    return Outcome.INTERRUPTED;
                }
            }
        }
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void runQuietly(ThrowingRunnable task, InboundEventHandler handler, String what) {
        try {
            task.run();
        } catch (Exception | LinkageError e) {
            LOG.warn("Handler {} failed on {} event; ephemeral events are not retried", handler.getClass().getName(),
                    what, e);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * Stops handing out events: each queue finishes the event in hand (waiting up to {@code grace} in all), and
     * drops the rest, which were not marked done and are handed again after restart.
     */
    void stop(Duration grace) {
        stopping = true;
        rooms.values().forEach(RoomQueue::stop);
        ephemeralQueue.stop();
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : List.copyOf(drainers)) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    LOG.warn("A handler is still busy on {} after the shutdown grace period; its event will be "
                            + "handed again after restart", t.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

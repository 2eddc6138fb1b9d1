package dev.passerelle.app.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.testkit.homeserver.TransactionPusher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Hands events to the fake's pusher in 100-event transactions, staying a fixed number of transactions ahead of
 * the echoes seen, so that at any moment some transactions are still to be pushed and some stored events are
 * still to be handled (a crash then hits both). Runs on a virtual thread of its own until every event was fed.
 */
final class PacedFeed {

    static final int TRANSACTION_SIZE = 100;

    private final TransactionPusher pusher;
    private final List<ObjectNode> events;
    private final AtomicInteger windowTransactions;
    private final IntSupplier handled;
    private final AtomicInteger fed = new AtomicInteger();
    private final Thread thread;
    private volatile Throwable failure;

    private PacedFeed(TransactionPusher pusher, List<ObjectNode> events, int windowTransactions, IntSupplier handled) {
        this.pusher = pusher;
        this.events = List.copyOf(events);
        this.windowTransactions = new AtomicInteger(windowTransactions);
        this.handled = handled;
        this.thread = Thread.ofVirtual().name("paced-feed").start(this::run);
    }

    /**
     * Starts feeding.
     *
     * @param windowTransactions how many transactions may be ahead of {@code handled}
     * @param handled            how many events the bridge has handled so far (polled)
     */
    static PacedFeed start(TransactionPusher pusher, List<ObjectNode> events, int windowTransactions,
                           IntSupplier handled) {
        return new PacedFeed(pusher, events, windowTransactions, handled);
    }

    /** Lets the feed run {@code transactions} further ahead from now on, e.g. while the bridge is down. */
    void widenWindow(int transactions) {
        windowTransactions.addAndGet(transactions);
    }

    /** Events handed to the pusher so far. */
    int fed() {
        return fed.get();
    }

    /** Waits until every event was handed to the pusher; rethrows what stopped the feed. */
    void awaitDone(Duration timeout) {
        try {
            if (!thread.join(timeout)) {
                throw new AssertionError("the feed did not hand all " + events.size() + " events to the pusher within "
                        + timeout.toSeconds() + " s (" + fed() + " handed)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the feed", e);
        }
        if (failure != null) {
            throw new AssertionError("the feed failed", failure);
        }
    }

    private void run() {
        try {
            for (int start = 0; start < events.size(); start += TRANSACTION_SIZE) {
                while (handled.getAsInt() < start - windowTransactions.get() * TRANSACTION_SIZE) {
                    Thread.sleep(20); // pacing, not synchronisation: the feed only needs to stay roughly ahead
                }
                pusher.enqueue(events.subList(start, Math.min(events.size(), start + TRANSACTION_SIZE)));
                fed.set(Math.min(events.size(), start + TRANSACTION_SIZE));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }
}

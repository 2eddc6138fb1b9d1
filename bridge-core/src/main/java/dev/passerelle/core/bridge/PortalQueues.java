package dev.passerelle.core.bridge;

import dev.passerelle.core.intake.RoomQueue;
import dev.passerelle.core.store.PortalKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ordered queue per key (a portal, a ghost, a login): a key's tasks run one at a time in submission order,
 * different keys in parallel, each on a virtual thread. {@link #submit} never blocks.
 */
final class PortalQueues {

    private static final Logger LOG = LoggerFactory.getLogger(PortalQueues.class);

    private final Set<Thread> drainers = RoomQueue.newDrainerSet();
    private final Map<String, RoomQueue> queues = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /** Queues {@code task} behind the earlier tasks of {@code key}; dropped after {@link #stop}. */
    void submit(String key, Runnable task) {
        if (stopped) {
            return;
        }
        queues.computeIfAbsent(key, k -> new RoomQueue(k, drainers)).submit(task);
    }

    /** The queue key of a portal: both directions of one portal share it, so that they stay in order. */
    static String forPortal(PortalKey key) {
        return "portal " + key.network() + "/" + key.chatId() + "/" + key.receiver();
    }

    /** A task that may fail. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    /**
     * Queues {@code task} behind the earlier tasks of {@code key} and waits until it has run; blocks (call from a
     * virtual thread). Rethrows what the task threw.
     *
     * @throws IllegalStateException when the queues stop before the task ran (it is dropped; the caller's event is
     *                               handed again after a restart)
     */
    void runAndWait(String key, Task task) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(key, () -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        await(done, key);
    }

    /**
     * Waits until {@code work} (queued on {@code key}) is done; blocks (call from a virtual thread). Rethrows what
     * it failed with.
     *
     * @throws IllegalStateException when the queues stop before it is done
     */
    void await(CompletableFuture<?> work, String key) throws Exception {
        boolean sawStop = false;
        while (true) {
            try {
                work.get(1, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            } catch (TimeoutException e) {
                // Stopping drops queued tasks; the one in hand gets one more wait before giving up.
                if (stopped && sawStop) {
                    throw new IllegalStateException("The bridge is stopping; the work queued on " + key
                            + " was not done and is handed again after a restart");
                }
                sawStop = stopped;
            }
        }
    }

    /**
     * Runs no more tasks; waits up to {@code grace} for those in hand, then interrupts those still running (an event
     * waiting out a homeserver or database outage would otherwise go on trying while the bridge closes around it).
     */
    void stop(Duration grace) {
        stopped = true;
        queues.values().forEach(RoomQueue::stop);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : List.copyOf(drainers)) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    LOG.warn("{} is still busy after the shutdown grace period; interrupting it", t.getName());
                    t.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

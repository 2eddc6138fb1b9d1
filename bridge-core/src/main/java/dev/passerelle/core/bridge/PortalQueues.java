package dev.passerelle.core.bridge;

import dev.passerelle.core.intake.RoomQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Runs no more tasks; waits up to {@code grace} for those in hand. */
    void stop(Duration grace) {
        stopped = true;
        queues.values().forEach(RoomQueue::stop);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : List.copyOf(drainers)) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    LOG.warn("{} is still busy after the shutdown grace period", t.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

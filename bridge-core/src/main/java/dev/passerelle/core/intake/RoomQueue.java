package dev.passerelle.core.intake;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ordered work of one room: tasks run one at a time, in submission order, on a virtual thread that exists
 * only while there is work. Different rooms' queues run in parallel. Used by the intake (one per Matrix room) and
 * by the bridge engine (one per portal).
 */
public final class RoomQueue {

    private final String name;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Thread> drainers;
    private boolean draining;
    private boolean stopped;

    /** @param drainers where the queue registers its running thread, so that a shutdown can wait for it */
    public RoomQueue(String name, Set<Thread> drainers) {
        this.name = name;
        this.drainers = drainers;
    }

    /** Adds a task; never blocks. Tasks submitted after {@link #stop()} are dropped. */
    public void submit(Runnable task) {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            tasks.add(task);
            if (!draining) {
                draining = true;
                Thread t = Thread.ofVirtual().name("room-queue " + name).unstarted(this::drain);
                drainers.add(t);
                t.start();
            }
        } finally {
            lock.unlock();
        }
    }

    /** After the task in hand, runs no more; what is still queued is dropped (it is replayed after restart). */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            tasks.clear();
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        try {
            while (true) {
                Runnable next;
                lock.lock();
                try {
                    next = stopped ? null : tasks.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                next.run();
            }
        } finally {
            drainers.remove(Thread.currentThread());
        }
    }

    /** A set for the running drainers of several queues, to join them at shutdown. */
    public static Set<Thread> newDrainerSet() {
        return ConcurrentHashMap.newKeySet();
    }
}

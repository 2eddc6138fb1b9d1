package dev.passerelle.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * How late the machine lets a thread run: a platform thread asks to wake every millisecond and records how much
 * later than asked it did (as jHiccup does). On a shared machine this is the floor under any latency measured in
 * the same process, whatever the code does; printed beside the bridge's latency so the two can be compared.
 */
final class HiccupMeter implements AutoCloseable {

    private final LatencySample lateness = new LatencySample();
    private final Thread thread;
    private volatile boolean running = true;

    HiccupMeter() {
        thread = Thread.ofPlatform().daemon().name("hiccup-meter").start(() -> {
            long interval = 1_000_000;
            while (running) {
                long asked = System.nanoTime() + interval;
                LockSupport.parkNanos(interval);
                lateness.add(Math.max(0, System.nanoTime() - asked));
            }
        });
    }

    LatencySample lateness() {
        return lateness;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

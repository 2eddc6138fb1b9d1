package dev.passerelle.whatsapp;

import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps what a client emits; waits for an event with a deadline. */
final class RecordingSink implements RemoteEventSink {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<RemoteEvent> events = new ArrayList<>();

    @Override
    public synchronized void emit(RemoteEvent event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<RemoteEvent> events() {
        return List.copyOf(events);
    }

    /** The first event from index {@code from} on that matches, waiting up to {@link #WAIT}. */
    synchronized <T extends RemoteEvent> T await(Class<T> type, Predicate<T> test, int from) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int i = from;
        while (true) {
            for (; i < events.size(); i++) {
                if (type.isInstance(events.get(i)) && test.test(type.cast(events.get(i)))) {
                    return type.cast(events.get(i));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No matching " + type.getSimpleName() + " within " + WAIT.toSeconds()
                        + " s; got " + events);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    synchronized <T extends RemoteEvent> T await(Class<T> type, Predicate<T> test) {
        return await(type, test, 0);
    }

    synchronized int size() {
        return events.size();
    }
}

package dev.passerelle.telegram;

import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A sink that keeps what a client emits, for tests to wait on (15 s deadline). */
final class EventRecorder implements RemoteEventSink {

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private final List<RemoteEvent> events = new ArrayList<>();

    @Override
    public synchronized void emit(RemoteEvent event) {
        events.add(event);
        notifyAll();
    }

    /** The first event of {@code type} matching {@code test}, waiting for it. */
    synchronized <T extends RemoteEvent> T await(Class<T> type, Predicate<T> test) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            for (RemoteEvent e : events) {
                if (type.isInstance(e) && test.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No " + type.getSimpleName() + " as expected within " + DEADLINE.toSeconds()
                        + " s; got: " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized <T extends RemoteEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    synchronized void clear() {
        events.clear();
    }
}

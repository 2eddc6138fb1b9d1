package dev.passerelle.testnet;

import static org.junit.jupiter.api.Assertions.fail;

import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.RemoteEventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it got, for assertions; {@link #awaitCount} polls with a deadline. */
final class RecordingSink implements RemoteEventSink {

    private final List<RemoteEvent> events = new ArrayList<>();

    @Override
    public synchronized void emit(RemoteEvent event) {
        events.add(event);
    }

    synchronized List<RemoteEvent> events() {
        return List.copyOf(events);
    }

    /** Events other than login state changes. */
    synchronized List<RemoteEvent> portalEvents() {
        return events.stream().filter(e -> e instanceof RemoteEvent.PortalEvent).toList();
    }

    synchronized List<LoginState> states() {
        return events.stream().filter(e -> e instanceof RemoteEvent.LoginStateChanged)
                .map(e -> ((RemoteEvent.LoginStateChanged) e).state()).toList();
    }

    /** Waits until {@code count} events arrived, failing after {@code timeout}. */
    List<RemoteEvent> awaitCount(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (events.size() >= count) {
                    return List.copyOf(events);
                }
                try {
                    wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
        return fail("Expected " + count + " events within " + timeout + ", got " + events());
    }
}

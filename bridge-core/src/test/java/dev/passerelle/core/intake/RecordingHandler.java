package dev.passerelle.core.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Remembers every event it is handed, in order, and lets a test wait for some to arrive. */
public class RecordingHandler implements InboundEventHandler {

    private final List<InboundEvent> events = new ArrayList<>();
    private final List<ObjectNode> ephemeral = new ArrayList<>();
    private final List<ObjectNode> toDevice = new ArrayList<>();

    @Override
    public void handle(InboundEvent event) throws Exception {
        synchronized (this) {
            events.add(event);
            notifyAll();
        }
    }

    @Override
    public synchronized void handleEphemeral(ObjectNode event) {
        ephemeral.add(event);
        notifyAll();
    }

    @Override
    public synchronized void handleToDevice(ObjectNode event) {
        toDevice.add(event);
        notifyAll();
    }

    public synchronized List<InboundEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<ObjectNode> ephemeral() {
        return List.copyOf(ephemeral);
    }

    public synchronized List<ObjectNode> toDevice() {
        return List.copyOf(toDevice);
    }

    public synchronized List<String> eventIds() {
        return events.stream().map(InboundEvent::eventId).toList();
    }

    /** Waits until {@code condition} holds over the events received so far. */
    public synchronized void await(Duration timeout, String what, Predicate<RecordingHandler> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Timed out waiting for " + what + "; received " + eventIds());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public void awaitCount(int count) throws InterruptedException {
        await(Duration.ofSeconds(15), count + " events", h -> h.events.size() >= count);
    }
}

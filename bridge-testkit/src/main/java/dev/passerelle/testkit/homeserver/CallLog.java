package dev.passerelle.testkit.homeserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every request the fake received, in arrival order; safe to read from any thread while requests arrive. */
public final class CallLog {
    private final List<RecordedCall> calls = new ArrayList<>();

    synchronized void add(RecordedCall call) {
        calls.add(call);
        notifyAll();
    }

    /** A snapshot of all calls so far. */
    public synchronized List<RecordedCall> all() {
        return List.copyOf(calls);
    }

    /** Calls with this method whose decoded path contains {@code pathPart}, e.g. {@code ("PUT", "/send/")}. */
    public List<RecordedCall> to(String method, String pathPart) {
        return matching(c -> c.matches(method, pathPart));
    }

    /** Calls that satisfy the predicate. */
    public synchronized List<RecordedCall> matching(Predicate<RecordedCall> p) {
        return calls.stream().filter(p).toList();
    }

    /** Forgets every call so far (the fake's rooms and users stay). */
    public synchronized void clear() {
        calls.clear();
    }

    /**
     * Blocks until at least {@code count} calls satisfy the predicate, then returns them all.
     *
     * @throws AssertionError when the deadline passes first, listing what was received
     */
    public synchronized List<RecordedCall> await(Predicate<RecordedCall> p, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RecordedCall> found = calls.stream().filter(p).toList();
            if (found.size() >= count) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " matching calls within " + timeout + " but saw "
                        + found.size() + "; all calls: " + new ArrayList<>(calls));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for calls", e);
            }
        }
    }
}

package dev.passerelle.testkit.homeserver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Faults armed by a test, each for the next n matching requests; first armed, first used. */
final class FaultPlan {
    private static final class Armed {
        final RequestMatcher matcher;
        final Fault fault;
        int remaining;

        Armed(RequestMatcher matcher, Fault fault, int remaining) {
            this.matcher = matcher;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final List<Armed> armed = new ArrayList<>();

    synchronized void arm(int times, RequestMatcher matcher, Fault fault) {
        if (times <= 0) {
            throw new IllegalArgumentException("a fault must apply to at least one request, got " + times);
        }
        armed.add(new Armed(matcher, fault, times));
    }

    /** The fault to apply to this request, consuming one use of it; empty when none matches. */
    synchronized Optional<Fault> take(String method, String decodedPath) {
        Iterator<Armed> it = armed.iterator();
        while (it.hasNext()) {
            Armed a = it.next();
            if (a.matcher.matches(method, decodedPath)) {
                if (--a.remaining == 0) {
                    it.remove();
                }
                return Optional.of(a.fault);
            }
        }
        return Optional.empty();
    }

    synchronized void clear() {
        armed.clear();
    }
}

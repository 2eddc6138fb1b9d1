package dev.passerelle.testkit.homeserver;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Settings a test or benchmark may change while the fake runs: a fixed answer time for every request (a stand-in
 * for the homeserver's own work), the media repository's upload limit, and a listener told of each request as it
 * arrives (before any delay), for latency measurements.
 */
final class HomeserverTuning {
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile Optional<Long> maxUploadBytes = Optional.empty();
    private volatile Consumer<Arrival> arrivals = a -> { };

    Duration answerDelay() {
        return answerDelay;
    }

    void answerDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("an answer delay cannot be negative: " + delay);
        }
        this.answerDelay = delay;
    }

    Optional<Long> maxUploadBytes() {
        return maxUploadBytes;
    }

    void maxUploadBytes(Optional<Long> max) {
        this.maxUploadBytes = max;
    }

    Consumer<Arrival> arrivals() {
        return arrivals;
    }

    void arrivals(Consumer<Arrival> listener) {
        this.arrivals = listener;
    }
}

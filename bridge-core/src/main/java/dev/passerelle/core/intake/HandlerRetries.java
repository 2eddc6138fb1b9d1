package dev.passerelle.core.intake;

import java.time.Duration;

/**
 * How often a failing handler is tried again before its event is skipped.
 *
 * @param retries    tries after the first one
 * @param firstDelay the wait before the first retry; each later wait is {@code factor} times longer
 */
public record HandlerRetries(int retries, Duration firstDelay, double factor) {

    /** Three retries after 100 ms, 300 ms and 900 ms. */
    public static final HandlerRetries DEFAULT = new HandlerRetries(3, Duration.ofMillis(100), 3);

    Duration delayBefore(int retry) {
        return Duration.ofMillis((long) (firstDelay.toMillis() * Math.pow(factor, retry - 1)));
    }
}

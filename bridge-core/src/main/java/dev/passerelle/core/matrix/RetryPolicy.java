package dev.passerelle.core.matrix;

import java.time.Duration;

/**
 * How the client retries a request that failed for a passing reason (rate limit, 502/503/504, connection error).
 *
 * @param maxAttempts    attempts in all, the first included (1 = never retry)
 * @param initialDelay   wait before the second attempt; doubled for each further one, with jitter
 * @param maxDelay       the longest wait between two attempts, also the cap on a homeserver's {@code retry_after_ms}
 * @param requestTimeout how long one attempt may take before it counts as a connection error
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration requestTimeout) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** Production defaults: 8 attempts, 500 ms doubling to at most 60 s, 60 s per attempt. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    /** Wait before attempt {@code attempt + 1}: exponential from {@code initialDelay}, capped, jittered to 50–100 %. */
    Duration backoff(int attempt, double random) {
        long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random * (capped / 2.0)));
    }
}

package dev.passerelle.core.webhook;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a failing webhook handler is tried again before its delivery is skipped (logged): deliveries are handled in
 * order, so one that keeps failing must not hold up the ones behind it forever.
 *
 * @param backoff the waits between attempts; one more attempt than waits
 */
public record DeliveryRetries(List<Duration> backoff) {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRetries.class);

    /** Four attempts over about four seconds. */
    public static final DeliveryRetries DEFAULT = new DeliveryRetries(
            List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)));

    public DeliveryRetries {
        backoff = List.copyOf(backoff);
    }

    /** A handler call. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} until it succeeds or the attempts are spent (then logs the last failure and returns).
     *
     * @throws InterruptedException when interrupted, by the work or while waiting
     */
    public void run(String what, Work work) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                work.run();
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException(what + " was interrupted");
                }
                if (attempt >= backoff.size()) {
                    LOG.error("{} failed {} times and is skipped: {}", what, attempt + 1, e.toString(), e);
                    return;
                }
                LOG.warn("{} failed ({}); trying again in {} ms", what, e.toString(), backoff.get(attempt).toMillis());
                Thread.sleep(backoff.get(attempt));
            }
        }
    }
}

package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.NetworkException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a network client, trying again with backoff while it fails transiently (disconnected, rate-limited). Blocks
 * while it waits; call from the portal's queue, whose later events wait too (so that they stay in order).
 *
 * @param backoff the waits between attempts; one more attempt than waits
 */
record NetworkRetries(List<Duration> backoff) {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkRetries.class);

    /** Four attempts over about two seconds. */
    static final NetworkRetries DEFAULT = new NetworkRetries(
            List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)));

    NetworkRetries {
        backoff = List.copyOf(backoff);
    }

    /** A call on a network client. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws NetworkException;
    }

    /**
     * @throws NetworkException a permanent failure at once, a transient one once the attempts are spent
     */
    <T> T call(String what, Call<T> call) throws NetworkException {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.run();
            } catch (NetworkException e) {
                if (!e.isTransient() || attempt >= backoff.size()) {
                    throw e;
                }
                Duration wait = backoff.get(attempt);
                LOG.info("{} failed transiently ({}); trying again in {} ms", what, e.getMessage(), wait.toMillis());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}

package dev.passerelle.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.passerelle.core.spi.NetworkException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NetworkRetriesTest {

    private final NetworkRetries retries = new NetworkRetries(List.of(Duration.ofMillis(1), Duration.ofMillis(1)));

    @Test
    void transientFailuresAreTriedAgainUntilOneWorks() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = retries.call("test", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new NetworkException("offline", true);
            }
            return "sent";
        });
        assertEquals("sent", result);
        assertEquals(3, calls.get());
    }

    @Test
    void aTransientFailureIsGivenUpAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        NetworkException e = assertThrows(NetworkException.class, () -> retries.call("test", () -> {
            calls.incrementAndGet();
            throw new NetworkException("offline", true);
        }));
        assertEquals("offline", e.getMessage());
        assertEquals(3, calls.get());
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        NetworkException refused = new NetworkException("read-only", false);
        NetworkException e = assertThrows(NetworkException.class, () -> retries.call("test", () -> {
            calls.incrementAndGet();
            throw refused;
        }));
        assertSame(refused, e);
        assertEquals(1, calls.get());
    }
}

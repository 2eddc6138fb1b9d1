package dev.passerelle.core.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/** Times are stored as epoch milliseconds in BIGINT columns: portable, and sortable on both databases. */
final class Millis {

    private Millis() {
    }

    static long of(Instant instant) {
        return instant.toEpochMilli();
    }

    static Long ofOptional(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(null);
    }

    /** Rows keep times to the millisecond, so that a row read back equals the row written. */
    static Instant exact(Instant instant) {
        return Objects.requireNonNull(instant, "a time is required").truncatedTo(ChronoUnit.MILLIS);
    }

    static Optional<Instant> exact(Optional<Instant> instant) {
        return instant.map(Millis::exact);
    }

    static Instant toInstant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    static Optional<Instant> toOptional(Long millis) {
        return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
    }
}

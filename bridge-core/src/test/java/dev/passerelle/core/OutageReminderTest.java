package dev.passerelle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutageReminderTest {

    /** A clock the test moves by hand, so a two-hour outage takes no time. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final String REASON = "The homeserver at https://hs.example is unreachable.";

    @Test
    void aLongOutageIsRemindedEveryIntervalWithItsLengthAndWhatToCheck() {
        HandClock clock = new HandClock();
        OutageReminder outage = new OutageReminder(clock, Duration.ofMinutes(5));

        assertEquals(Optional.empty(), outage.stillDown(REASON, "https://hs.example"),
                "the first failure is the watcher's own line");
        clock.advance(Duration.ofMinutes(4));
        assertEquals(Optional.empty(), outage.stillDown(REASON, "https://hs.example"), "not yet 5 minutes");
        clock.advance(Duration.ofMinutes(1));
        String first = outage.stillDown(REASON, "https://hs.example").orElseThrow();
        assertTrue(first.contains("still not usable after 5 min (since 2026-11-26T10:00:00Z)"), first);
        assertTrue(first.contains(REASON) && first.contains("homeserver.address in config.yaml"), first);
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Optional.empty(), outage.stillDown(REASON, "https://hs.example"), "once per interval");
        clock.advance(Duration.ofMinutes(2 * 60));
        String later = outage.stillDown(REASON, "https://hs.example").orElseThrow();
        assertTrue(later.contains("after 2 h 7 min"), later);

        assertEquals(Optional.of(Duration.ofMinutes(127)), outage.up());
        assertEquals(Optional.empty(), outage.up(), "no outage to report twice");
    }

    @Test
    void aNewOutageCountsFromItsOwnStart() {
        HandClock clock = new HandClock();
        OutageReminder outage = new OutageReminder(clock, Duration.ofMinutes(5));
        outage.stillDown(REASON, "https://hs.example");
        clock.advance(Duration.ofHours(1));
        outage.up();
        clock.advance(Duration.ofHours(1));
        assertEquals(Optional.empty(), outage.stillDown(REASON, "https://hs.example"));
        clock.advance(Duration.ofMinutes(6));
        assertTrue(outage.stillDown(REASON, "https://hs.example").orElseThrow().contains("after 6 min"));
    }

    @Test
    void durationsAreSpokenShortly() {
        assertEquals("40 s", OutageReminder.spoken(Duration.ofSeconds(40)));
        assertEquals("7 min", OutageReminder.spoken(Duration.ofMinutes(7)));
        assertEquals("2 h", OutageReminder.spoken(Duration.ofHours(2)));
    }
}

package dev.passerelle.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long the homeserver has been out of reach, and when to say so again: the first failure is logged by its
 * watcher, then one "still down" line per interval, so an admin reading the log after a long outage sees that it
 * lasted and what to check rather than a single line from hours ago.
 */
final class OutageReminder {

    private final Clock clock;
    private final Duration interval;
    private Instant downSince;
    private Instant lastSaid;

    OutageReminder(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * Records a failed check; the reminder to log if an interval has passed since the outage began or since the last
     * one.
     */
    Optional<String> stillDown(String reason, String address) {
        Instant now = clock.instant();
        if (downSince == null) {
            downSince = now;
            lastSaid = now;
            return Optional.empty();
        }
        if (Duration.between(lastSaid, now).compareTo(interval) < 0) {
            return Optional.empty();
        }
        lastSaid = now;
        return Optional.of("The homeserver at " + address + " is still not usable after " + spoken(
                Duration.between(downSince, now)) + " (since " + downSince + "): " + reason + " Check that the "
                + "homeserver is running and reachable from the bridge (homeserver.address in config.yaml), and its "
                + "logs; /ready answers 503 meanwhile.");
    }

    /** Records a successful check; how long the outage lasted, if there was one. */
    Optional<Duration> up() {
        if (downSince == null) {
            return Optional.empty();
        }
        Duration lasted = Duration.between(downSince, clock.instant());
        downSince = null;
        lastSaid = null;
        return Optional.of(lasted);
    }

    /** "2 h 5 min", "7 min", "40 s". */
    static String spoken(Duration d) {
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return minutes > 0 ? minutes + " min" : d.toSeconds() + " s";
    }
}

package dev.passerelle.testkit.homeserver;

import java.time.Duration;
import java.util.Optional;

/** What the fake does instead of (or before) answering a matching request. */
sealed interface Fault {
    /** Answer with this error instead of handling the request. */
    record Fail(int status, String errcode, Optional<Long> retryAfterMs) implements Fault {
    }

    /** Wait, then handle the request normally. */
    record Delay(Duration delay) implements Fault {
    }

    /** Close the connection without answering. */
    record Drop() implements Fault {
    }
}

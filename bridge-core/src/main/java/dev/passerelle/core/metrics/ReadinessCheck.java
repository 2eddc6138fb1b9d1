package dev.passerelle.core.metrics;

/**
 * One condition for {@code /ready}: the bridge is ready when every check passes. {@link #check()} is called on a
 * virtual thread for each {@code /ready} request and may block briefly; one that takes longer than the caller's
 * deadline counts as failing.
 */
public interface ReadinessCheck {

    /** A short stable name shown in {@code /ready}'s answer, e.g. {@code database}. */
    String name();

    /** Whether the condition holds now, and if not why, in words an admin can act on. */
    Readiness check();

    /** The answer of a {@link ReadinessCheck}. */
    sealed interface Readiness {

        static Readiness ok() {
            return new Ready();
        }

        static Readiness notReady(String reason) {
            return new NotReady(reason);
        }

        record Ready() implements Readiness {
        }

        /** @param reason what is wrong and what to check */
        record NotReady(String reason) implements Readiness {
        }
    }
}

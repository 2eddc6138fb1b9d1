package dev.passerelle.core.metrics;

import dev.passerelle.core.metrics.ReadinessCheck.Readiness;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The set of {@link ReadinessCheck}s behind {@code /ready}. Checks may be added at any time (the integrator adds the
 * homeserver's). {@link #evaluate()} runs them in parallel on virtual threads and blocks up to the deadline.
 */
public final class ReadinessChecks {

    private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
    private final Duration deadline;

    public ReadinessChecks(Duration deadline) {
        this.deadline = deadline;
    }

    public void add(ReadinessCheck check) {
        checks.add(check);
    }

    /** Each check's answer by name, in the order added; a check that throws or is too slow is not ready. */
    public Map<String, Readiness> evaluate() {
        Map<ReadinessCheck, CompletableFuture<Readiness>> running = new LinkedHashMap<>();
        for (ReadinessCheck check : checks) {
            CompletableFuture<Readiness> future = new CompletableFuture<>();
            // A check still running at the deadline is abandoned, not interrupted (that would close JDBC sockets).
            Thread.ofVirtual().name("readiness " + check.name()).start(() -> {
                try {
                    future.complete(check.check());
                } catch (RuntimeException | LinkageError e) {
                    future.completeExceptionally(e);
                }
            });
            running.put(check, future);
        }
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, Readiness> result = new LinkedHashMap<>();
        running.forEach((check, future) -> result.put(check.name(), await(future, end)));
        return result;
    }

    /** {@link #evaluate()} on a virtual thread of its own, for callers that must not block. */
    public CompletableFuture<Map<String, Readiness>> evaluateAsync() {
        CompletableFuture<Map<String, Readiness>> result = new CompletableFuture<>();
        Thread.ofVirtual().name("readiness").start(() -> result.complete(evaluate()));
        return result;
    }

    /** Whether every check passed in {@code results}. */
    public static boolean allReady(Map<String, Readiness> results) {
        return results.values().stream().allMatch(r -> r instanceof Readiness.Ready);
    }

    private Readiness await(CompletableFuture<Readiness> future, long end) {
        try {
            return future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Readiness.notReady("did not answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Readiness.notReady("the check failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.notReady("interrupted");
        }
    }
}

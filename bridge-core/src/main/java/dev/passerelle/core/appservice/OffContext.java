package dev.passerelle.core.appservice;

import io.vertx.core.Future;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs blocking work (database, handlers) on a virtual thread of its own and awaits it, so that a slow database
 * never holds up the HTTP context's other requests ({@code /health} keeps answering).
 */
public final class OffContext {

    private OffContext() {
    }

    public static <T> T call(String name, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().name(name).start(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return Future.fromCompletionStage(result).await();
    }
}

package dev.passerelle.telegram;

import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.telegram.td.api.Message;
import dev.passerelle.telegram.td.api.TdError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Messages sent from Matrix while Telegram has not confirmed them: {@code sendMessage} answers with a temporary
 * id, then {@code updateMessageSendSucceeded} gives the final one (or {@code updateMessageSendFailed} the reason).
 * Either side may come first, so both meet at a future keyed by the temporary id.
 */
final class OutgoingMessages {

    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    /** Edits sent from Matrix: TDLib reports them back as {@code updateMessageContent}, which is no news. */
    private final java.util.Set<String> ownEdits = ConcurrentHashMap.newKeySet();

    void editing(long chatId, long messageId) {
        ownEdits.add(chatId + "/" + messageId);
    }

    void editFailed(long chatId, long messageId) {
        ownEdits.remove(chatId + "/" + messageId);
    }

    /** Whether this content change is the echo of an edit from Matrix (then forgotten: the next one is news). */
    boolean isOwnEdit(long chatId, long messageId) {
        return ownEdits.remove(chatId + "/" + messageId);
    }

    void succeeded(long temporaryId, Message message) {
        future(temporaryId).complete(message);
    }

    void failed(long temporaryId, TdError error) {
        future(temporaryId).completeExceptionally(new NetworkException("Telegram did not deliver the message: "
                + error.message(), false));
    }

    /** Waits for the final message of {@code temporaryId}. */
    Message awaitFinal(long temporaryId, Duration timeout) throws NetworkException {
        try {
            return future(temporaryId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (NetworkException) e.getCause();
        } catch (TimeoutException e) {
            throw new NetworkException("Telegram did not confirm the message within " + timeout.toSeconds()
                    + " seconds; it may still arrive.", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("Interrupted while sending", true);
        } finally {
            pending.remove(temporaryId);
        }
    }

    private CompletableFuture<Message> future(long temporaryId) {
        return pending.computeIfAbsent(temporaryId, id -> new CompletableFuture<>());
    }
}

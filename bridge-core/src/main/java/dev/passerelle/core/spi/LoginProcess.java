package dev.passerelle.core.spi;

import java.time.Duration;
import java.util.Map;

/**
 * A login in progress: a small state machine that the {@code login} command and the provisioning API step through
 * in the same way. Each call returns the next {@link LoginStep}. A process is used by one caller at a time.
 *
 * <p>The engine closes the process when it completes, fails, is cancelled, or has not advanced for the engine's
 * login timeout.
 */
public interface LoginProcess extends AutoCloseable {

    /** The first step. */
    LoginStep start() throws LoginException;

    /**
     * Answers a {@link LoginStep.UserInput} step with a value for each of its fields (by field id).
     *
     * @throws LoginException when the answer is refused for good; a wrong code that may be retried is a new
     *                        {@code UserInput} step whose instructions say so
     */
    LoginStep submit(Map<String, String> fields) throws LoginException;

    /**
     * Waits while a {@link LoginStep.Display} step is shown (the user scans a QR code, types a code on the phone):
     * returns the next step — a refreshed display, a question, or completion — or the same step again when
     * {@code timeout} passes first.
     */
    LoginStep awaitNext(Duration timeout) throws LoginException;

    /** Abandons the login and frees what it holds; idempotent. */
    void cancel();

    @Override
    default void close() {
        cancel();
    }
}

package dev.passerelle.telegram.tdjson;

import java.util.Optional;

/**
 * TDLib's JSON interface, the boundary between the connector and the library: {@link NativeTdJson} calls the real
 * {@code libtdjson}; tests put a fake that follows {@code td_api.tl} in its place. Requests and answers are JSON
 * objects as strings, each with an {@code @type}; TDLib adds {@code @client_id} to what it returns and echoes a
 * request's {@code @extra}.
 */
public interface TdJson {

    /** A new client instance ({@code td_create_client_id}); it starts when the first request is sent to it. */
    int createClientId();

    /** Sends a request to a client ({@code td_send}); the answer comes from {@link #receive}. Thread-safe. */
    void send(int clientId, String request);

    /**
     * The next answer or update of any client ({@code td_receive}), waiting at most {@code timeoutSeconds}; empty
     * when none came. Never called from two threads at once.
     */
    Optional<String> receive(double timeoutSeconds);

    /** Runs one of the requests TDLib marks "Can be called synchronously" ({@code td_execute}). Thread-safe. */
    String execute(String request);
}

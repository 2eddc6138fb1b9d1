package dev.passerelle.telegram.td;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.telegram.td.api.AuthorizationState;
import dev.passerelle.telegram.td.api.TdCodec;
import dev.passerelle.telegram.tdjson.TdJson;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@code td_receive} loop of the process, on one platform thread (TDLib forbids two concurrent
 * {@code td_receive}, and a blocking native call would pin a virtual thread's carrier). It hands each object to the
 * {@link TdClient} named by its {@code @client_id}; a client's own thread does the rest, so a slow client never
 * holds up another.
 */
public final class TdReceiveLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TdReceiveLoop.class);

    private final TdJson td;
    private final Map<Integer, TdClient> clients = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public TdReceiveLoop(TdJson td) {
        this.td = td;
        this.thread = Thread.ofPlatform().name("tdlib-receive").daemon().start(this::run);
    }

    /**
     * A new TDLib client; nothing is sent to it yet.
     *
     * @param updates receives the client's updates in TDLib's order, on the client's own virtual thread
     */
    public TdClient newClient(String name, Consumer<JsonNode> updates) {
        int id = td.createClientId();
        TdClient client = new TdClient(td, id, name, updates, () -> clients.remove(id));
        clients.put(id, client);
        return client;
    }

    /** Runs a synchronous request ({@code td_execute}). */
    public TdJson tdJson() {
        return td;
    }

    private void run() {
        while (running) {
            try {
                Optional<String> received = td.receive(1.0);
                if (received.isEmpty()) {
                    continue;
                }
                JsonNode node = TdCodec.parse(received.get());
                JsonNode clientId = node.get("@client_id");
                if (clientId == null) {
                    continue; // a global update (e.g. updateOption before any client), nothing to route
                }
                TdClient client = clients.get(clientId.asInt());
                if (client != null) {
                    client.deliver(node);
                    if (isClosed(node)) {
                        clients.remove(clientId.asInt());
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("TDLib receive loop: {}", e.toString(), e);
            }
        }
    }

    private static boolean isClosed(JsonNode node) {
        return "updateAuthorizationState".equals(node.path("@type").asText())
                && TdCodec.read(node.path("authorization_state"), AuthorizationState.class)
                instanceof AuthorizationState.Closed;
    }

    /** Stops receiving; clients should be closed first. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.passerelle.core.spi;

import java.util.List;

/**
 * Where a client puts what happens on the network. The engine routes each event to its portal's ordered queue and
 * returns at once; it never blocks on Matrix.
 */
@FunctionalInterface
public interface RemoteEventSink {

    void emit(RemoteEvent event);

    /**
     * Emits {@code events} in order and waits until the engine has handled each of them (bridged, or given up on
     * with a log line). For connectors that acknowledge what they received only once it is bridged, such as stored
     * webhook deliveries. Blocks; call from a virtual thread.
     *
     * @throws InterruptedException when interrupted while waiting (the bridge is stopping)
     */
    default void emitAndWait(List<RemoteEvent> events) throws InterruptedException {
        events.forEach(this::emit);
    }
}

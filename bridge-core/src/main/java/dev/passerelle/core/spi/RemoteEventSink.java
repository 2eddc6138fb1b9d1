package dev.passerelle.core.spi;

/**
 * Where a client puts what happens on the network. The engine routes each event to its portal's ordered queue and
 * returns at once; it never blocks on Matrix.
 */
@FunctionalInterface
public interface RemoteEventSink {

    void emit(RemoteEvent event);
}

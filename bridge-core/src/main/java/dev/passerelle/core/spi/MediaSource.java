package dev.passerelle.core.spi;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the bytes of a file come from, fetched only when needed (a portal may already have the file, or the user
 * may not be allowed to receive it). Network → Matrix: the connector downloads from the network. Matrix → network:
 * the engine downloads from the homeserver.
 */
@FunctionalInterface
public interface MediaSource {

    /** Opens the bytes; the caller closes the stream. May block. */
    InputStream open() throws IOException;
}

package dev.passerelle.whatsapp.sidecar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Starts a sidecar process. The real one runs Node ({@link NodeLauncher}); tests plug in a scripted sidecar that
 * speaks the same protocol over the same three streams.
 */
public interface SidecarLauncher {

    /** Starts a new process; may block until it runs. */
    Running launch() throws IOException;

    /** A started process: its stdin, stdout and stderr, and how to end it. */
    interface Running {
        OutputStream stdin();

        InputStream stdout();

        InputStream stderr();

        boolean isAlive();

        /** Ends it at once (SIGKILL for a real process). */
        void kill();

        /** For logs: the process id, or a name. */
        String name();
    }
}

package dev.passerelle.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds loopback ports nothing listens on, for a server whose port must be known before it starts (a bridge whose URL
 * the homeserver needs, a bridge that keeps its port across a restart).
 */
public final class FreePort {

    /** Ports already handed out in this JVM: the OS may offer a closed one again at once. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    /**
     * A port that was free a moment ago and that no earlier call returned, so that two ports asked for one bridge
     * (appservice and metrics) always differ.
     */
    public static int find() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (GIVEN.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
    }
}

package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.passerelle.testnet.TestNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A homeserver down for longer than the Matrix client's own retries (0.5 + 1 + ... + 32 s, about a minute): what the
 * network sends meanwhile reaches the room once it is back, in order, once each; a bridge stopped meanwhile stops
 * waiting. One homeserver generation only: nothing here depends on it, and each outage takes about a minute.
 */
class HomeserverOutageTest {

    @TempDir
    Path dir;
    EngineBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = EngineBed.withAliceLoggedIn(dir, EngineBed.Homeserver.CURRENT);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void messagesSentWhileTheHomeserverIsDownArriveWhenItIsBack() throws Exception {
        String room = portalWithOneMessage();
        try (HeldLog held = new HeldLog()) {
            bed.homeserver.stop();
            TestNetwork.login("alice").message("bob", "bob", "during 1");
            TestNetwork.login("alice").message("bob", "bob", "during 2");
            // Before, the first message was dropped here, when the client's retries ran out.
            String line = held.await("the homeserver is down");
            assertTrue(line.contains("holding this chat's events"), line);
            bed.homeserver.restart();
        }

        // The homeserver is asked again 30 s apart at most by now.
        until("both messages in the room", Duration.ofSeconds(60), () -> !bed.messages(room, "during 2").isEmpty(),
                () -> bed.homeserver.timeline(room).toString());
        List<String> bodies = bed.events(room, "m.room.message").stream()
                .map(e -> e.path("content").path("body").asText()).toList();
        assertEquals(List.of("before", "during 1", "during 2"), bodies);
    }

    @Test
    void stoppingTheBridgeDuringAnOutageEndsTheWaitAndSaysWhatWasNotBridged() throws Exception {
        portalWithOneMessage();
        try (HeldLog held = new HeldLog()) {
            bed.homeserver.stop();
            TestNetwork.login("alice").message("bob", "bob", "during");
            held.await("the homeserver is down");
            long start = System.nanoTime();
            bed.stopBridge();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            // The engine's grace is 5 s; without the interrupt the held event went on trying after the close.
            assertTrue(tookMs < 15_000, "closing took " + tookMs + " ms");
            String line = held.await("Not bridged, the bridge is stopping");
            assertTrue(line.contains("testnet/bob"), line);
        }
    }

    private String portalWithOneMessage() {
        TestNetwork.login("alice").message("bob", "bob", "before");
        bed.awaitMessage("bob", "before");
        return bed.portalRoom("bob").orElseThrow();
    }

    /** What the engine's event handler logs, while open. */
    private static final class HeldLog implements AutoCloseable {
        private final Logger log = (Logger) LoggerFactory.getLogger("dev.passerelle.core.bridge.PortalEventHandler");
        private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

        HeldLog() {
            lines.start();
            log.addAppender(lines);
        }

        /** Waits up to two minutes (the client's own retries take about one) for a line containing {@code part}. */
        String await(String part) {
            until("a log line containing '" + part + "'", Duration.ofSeconds(120), () -> line(part).isPresent(),
                    () -> lines.list.toString());
            return line(part).orElseThrow();
        }

        private java.util.Optional<String> line(String part) {
            List<ILoggingEvent> logged;
            synchronized (lines) { // the appender adds under its own lock
                logged = List.copyOf(lines.list);
            }
            return logged.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(part)).findFirst();
        }

        @Override
        public void close() {
            log.detachAppender(lines);
        }
    }
}

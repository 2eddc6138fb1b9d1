package dev.passerelle.app.bridge;

import static dev.passerelle.app.bridge.EngineBed.until;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * network sends meanwhile reaches the room once it is back, in order, once each. One homeserver generation only:
 * nothing here depends on it, and the outage alone takes over a minute.
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
        TestNetwork.login("alice").message("bob", "bob", "before");
        bed.awaitMessage("bob", "before");
        String room = bed.portalRoom("bob").orElseThrow();

        Logger log = (Logger) LoggerFactory.getLogger("dev.passerelle.core.bridge.PortalEventHandler");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            bed.homeserver.stop();
            TestNetwork.login("alice").message("bob", "bob", "during 1");
            TestNetwork.login("alice").message("bob", "bob", "during 2");
            // Before this change the first message was dropped here, when the client's retries ran out.
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (logged.list.stream().noneMatch(e -> e.getFormattedMessage().contains("the homeserver is down"))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the bridge never said it holds the chat's events: " + logged.list);
                }
                Thread.sleep(100);
            }
            String held = logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("the homeserver is down")).findFirst().orElseThrow();
            assertEquals(true, held.contains("holding this chat's events"), held);
            bed.homeserver.restart();
        } finally {
            log.detachAppender(logged);
        }

        // Tries are 30 s apart at most by now.
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (bed.messages(room, "during 2").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        until("both messages in the room", () -> !bed.messages(room, "during 2").isEmpty(),
                () -> bed.homeserver.timeline(room).toString());
        List<String> bodies = bed.events(room, "m.room.message").stream()
                .map(e -> e.path("content").path("body").asText()).toList();
        assertEquals(List.of("before", "during 1", "during 2"), bodies);
    }
}

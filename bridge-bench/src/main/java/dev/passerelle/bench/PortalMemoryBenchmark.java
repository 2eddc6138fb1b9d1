package dev.passerelle.bench;

import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.Sender;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code portal-memory}: idle heap and RSS of the bridge per cached portal. The fake homeserver runs in a child
 * process, so this process holds only the bridge and the test network's accounts. Measured after a full GC, once
 * before any portal exists and once after {@code --portals} DM portals were created and each bridged one message,
 * the bridge idle again.
 */
@Command(name = "portal-memory", mixinStandardHelpOptions = true,
        description = "Idle heap and RSS per cached portal.")
final class PortalMemoryBenchmark implements Callable<Integer> {

    @Option(names = "--db", defaultValue = "SQLITE", description = "SQLITE or POSTGRES (default ${DEFAULT-VALUE})")
    BenchDatabase db;

    @Option(names = "--portals", defaultValue = "10000", description = "portals created (default ${DEFAULT-VALUE})")
    int portals;

    @Option(names = "--batch", defaultValue = "200",
            description = "portals created at once before waiting for them (default ${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() throws Exception {
        var secrets = new dev.passerelle.core.config.SecretGenerator();
        String asToken = secrets.token();
        String hsToken = secrets.token();
        int bridgePort = freePort();
        try (HomeserverProcess hs = HomeserverProcess.start(asToken, hsToken, "http://127.0.0.1:" + bridgePort,
                Duration.ZERO, (time, body) -> { })) {
            System.out.printf("portal-memory db=%s portals=%d; load average before: %s%n", db.name().toLowerCase(),
                    portals, EngineRig.loadAverage());
            String jdbc = db.freshJdbcUrl();
            try (EngineRig rig = EngineRig.start(hs.url(), bridgePort, asToken, hsToken,
                    jdbc, db, portals)) {
                Memory before = measure();
                long start = System.nanoTime();
                for (int from = 0; from < portals; from += batch) {
                    int to = Math.min(portals, from + batch);
                    for (int i = from; i < to; i++) {
                        String partner = EngineRig.partner(i);
                        rig.login().emit(new RemoteEvent.Message(PortalRef.ofLogin(partner, EngineRig.ME),
                                new Sender(partner, false), "first-" + i, Instant.now(), List.of(MessagePart.only(
                                new MessageContent.Text(FormattedText.plain("hello " + i),
                                        MessageContent.TextKind.NORMAL))), Optional.empty(), Optional.empty()));
                    }
                    int expected = to;
                    EngineRig.waitFor(expected + " bridged messages", Duration.ofMinutes(5),
                            () -> bridged(jdbc) >= expected);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(5_000); // idle: queues drained, caches as they stay
                Memory after = measure();
                System.out.printf("%d portals created in %.1f s (%.0f portals/s)%n", portals, seconds,
                        portals / seconds);
                System.out.printf("heap used after GC: %.1f MB before, %.1f MB after → %.0f bytes per portal%n",
                        before.heap / 1e6, after.heap / 1e6, (after.heap - before.heap) / (double) portals);
                System.out.printf("RSS: %.1f MB before, %.1f MB after → %.0f bytes per portal; heap committed %.1f MB%n",
                        before.rss / 1e6, after.rss / 1e6, (after.rss - before.rss) / (double) portals,
                        after.committed / 1e6);
                System.out.printf("load average after: %s%n", EngineRig.loadAverage());
            }
        }
        return 0;
    }

    private record Memory(long heap, long committed, long rss) {
    }

    private static Memory measure() throws Exception {
        var bean = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(300);
        }
        var heap = bean.getHeapMemoryUsage();
        return new Memory(heap.getUsed(), heap.getCommitted(), rss());
    }

    private static long rss() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static long bridged(String jdbc) {
        try (Connection c = DriverManager.getConnection(jdbc);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM message")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not count the bridged messages: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package dev.passerelle.bench;

import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.Sender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code network-to-matrix}: the real engine bridging test-network messages into DM portals against the fake
 * homeserver, which runs in a child process and answers every request after a fixed delay. Two measurements per run:
 * <ul>
 *   <li>throughput: {@code --messages} messages emitted at once, round-robin over {@code --portals} portals;
 *       messages/s from the first hand-off to the sink until the homeserver has received the last send;</li>
 *   <li>added latency: messages paced at {@code --rate}/s; for each, from the hand-off to the sink to the moment
 *       the homeserver receives its send (the homeserver's answer delay is after that moment, so it is not in the
 *       figure, except where a message waits in its portal's queue behind the previous one).</li>
 * </ul>
 * Order is checked in every portal: each portal's sends must reach the homeserver in emission order, once each.
 */
@Command(name = "network-to-matrix", mixinStandardHelpOptions = true,
        description = "Messages/s and added latency of the engine, network → Matrix, order checked.")
final class NetworkToMatrixBenchmark implements Callable<Integer> {

    @Option(names = "--db", defaultValue = "SQLITE", description = "SQLITE or POSTGRES (default ${DEFAULT-VALUE})")
    BenchDatabase db;

    @Option(names = "--portals", defaultValue = "100", description = "DM portals (default ${DEFAULT-VALUE})")
    int portals;

    @Option(names = "--messages", defaultValue = "20000",
            description = "messages per throughput run (default ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--rate", defaultValue = "2000",
            description = "messages/s offered in the latency run (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--latency-messages", defaultValue = "10000",
            description = "messages per latency run (default ${DEFAULT-VALUE})")
    int latencyMessages;

    @Option(names = "--runs", defaultValue = "5", description = "measured runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--hs-delay-ms", defaultValue = "1",
            description = "the homeserver's answer time for every request, ms (default ${DEFAULT-VALUE})")
    int hsDelayMs;

    private final AtomicInteger currentRun = new AtomicInteger(-1);
    private volatile long[] arrivals = new long[0];
    private volatile int[] lastSeq = new int[0];
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger outOfOrder = new AtomicInteger();
    private volatile String lastCpu = "";
    private HomeserverProcess homeserver;

    @Override
    public Integer call() throws Exception {
        var secrets = new dev.passerelle.core.config.SecretGenerator();
        String asToken = secrets.token();
        String hsToken = secrets.token();
        int bridgePort = freePort();
        HomeserverProcess hs = HomeserverProcess.start(asToken, hsToken, "http://127.0.0.1:" + bridgePort,
                Duration.ofMillis(hsDelayMs), this::arrived);
        this.homeserver = hs;
        System.out.printf("network-to-matrix db=%s portals=%d hs-delay=%d ms; load average before: %s%n",
                db.name().toLowerCase(), portals, hsDelayMs, EngineRig.loadAverage());
        try (EngineRig rig = EngineRig.start(hs.url(), bridgePort, asToken, hsToken, db, portals)) {
            // Portals are created first (room, ghost, invite: not what is measured), then one unmeasured run warms
            // the JIT and gives the database the statistics a running bridge's has.
            int run = 0;
            flood(rig, run++, portals);
            flood(rig, run++, messages);
            rig.analyze();
            List<Double> throughputs = new ArrayList<>();
            List<double[]> latencies = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                double perSecond = flood(rig, run++, messages);
                LatencySample sample;
                LatencySample hiccups;
                try (HiccupMeter meter = new HiccupMeter()) {
                    sample = paced(rig, run++, latencyMessages, rate);
                    hiccups = meter.lateness();
                }
                double[] l = {sample.percentileMillis(50), sample.percentileMillis(99), sample.percentileMillis(100),
                        hiccups.percentileMillis(50), hiccups.percentileMillis(99)};
                throughputs.add(perSecond);
                latencies.add(l);
                System.out.printf("run %d: throughput %.0f msg/s (%d messages) | at %d msg/s offered: added latency "
                                + "p50 %.2f ms, p99 %.2f ms, max %.2f ms (a 1 ms sleep overslept by p50 %.2f ms, p99 %.2f ms meanwhile)"
                                + " | order violations %d | %s | load %s%n", i, perSecond,
                        messages, rate, l[0], l[1], l[2], l[3], l[4], outOfOrder.get(), lastCpu, EngineRig.loadAverage());
            }
            double t = median(throughputs.stream().mapToDouble(Double::doubleValue).toArray());
            double p50 = median(latencies.stream().mapToDouble(l -> l[0]).toArray());
            double p99 = median(latencies.stream().mapToDouble(l -> l[1]).toArray());
            double hiccup99 = median(latencies.stream().mapToDouble(l -> l[4]).toArray());
            System.out.printf("median of %d runs: %.0f msg/s (target 2,000: ×%.2f) | added latency p50 %.2f ms "
                            + "(target < 2: ×%.2f), p99 %.2f ms (target < 10: ×%.2f); the machine's own p99 oversleep %.2f ms"
                            + " | order violations %d%n",
                    runs, t, t / 2000, p50, p50 / 2, p99, p99 / 10, hiccup99, outOfOrder.get());
            return outOfOrder.get() == 0 ? 0 : 1;
        } finally {
            hs.close();
        }
    }

    /** Emits {@code count} messages as fast as possible; returns messages/s until the last send arrived. */
    private double flood(EngineRig rig, int run, int count) throws InterruptedException {
        long[] emitted = begin(run, count);
        long cpuStart = cpuNanos();
        long hsCpuStart = homeserver.cpuNanos();
        for (int k = 0; k < count; k++) {
            emitted[k] = System.nanoTime();
            rig.login().emit(message(run, k));
        }
        awaitAll(count);
        long last = Arrays.stream(arrivals).max().orElseThrow();
        long cpu = cpuNanos() - cpuStart;
        long hsCpu = homeserver.cpuNanos() - hsCpuStart;
        double wall = (last - emitted[0]) / 1e9;
        lastCpu = String.format("CPU/message: bridge %.0f µs, homeserver %.0f µs; cores busy %.2f", cpu / 1e3 / count,
                hsCpu / 1e3 / count, (cpu + hsCpu) / 1e9 / wall);
        return count / wall;
    }

    /** Emits {@code count} messages at {@code perSecond}; returns the latency from emission to arrival. */
    private LatencySample paced(EngineRig rig, int run, int count, int perSecond) throws InterruptedException {
        long[] emitted = begin(run, count);
        long start = System.nanoTime();
        double interval = 1e9 / perSecond;
        for (int k = 0; k < count; k++) {
            long due = start + (long) (k * interval);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            emitted[k] = System.nanoTime();
            rig.login().emit(message(run, k));
        }
        awaitAll(count);
        LatencySample sample = new LatencySample();
        long[] got = arrivals;
        for (int k = 0; k < count; k++) {
            sample.add(got[k] - emitted[k]);
        }
        return sample;
    }

    private long[] begin(int run, int count) {
        arrivals = new long[count];
        int[] seq = new int[portals];
        Arrays.fill(seq, -1);
        lastSeq = seq;
        arrived.set(0);
        currentRun.set(run);
        return new long[count];
    }

    private void awaitAll(int count) throws InterruptedException {
        try {
            EngineRig.waitFor(count + " sends at the homeserver", Duration.ofMinutes(5), () -> arrived.get() >= count);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + ": " + arrived.get() + " arrived; " + missing()
                    + "; the homeserver process is " + (homeserver.isAlive() ? "running" : "gone"), e);
        }
    }

    /** Which messages of the current run never reached the homeserver, for a run that does not end. */
    private synchronized String missing() {
        List<Integer> lost = new ArrayList<>();
        for (int k = 0; k < arrivals.length && lost.size() < 20; k++) {
            if (arrivals[k] == 0) {
                lost.add(k);
            }
        }
        return "first missing messages (portal = number mod " + portals + "): " + lost;
    }

    // On the reader thread, in the order the sends reached the homeserver.
    private void arrived(long nanoTime, String body) {
        String[] parts = body.split(" ");
        int run = Integer.parseInt(parts[1]);
        int k = Integer.parseInt(parts[2]);
        if (run != currentRun.get()) {
            return;
        }
        int portal = k % portals;
        int seq = k / portals;
        synchronized (this) {
            if (lastSeq[portal] != seq - 1) {
                outOfOrder.incrementAndGet();
            }
            lastSeq[portal] = seq;
            if (arrivals[k] == 0) {
                arrivals[k] = nanoTime;
                arrived.incrementAndGet();
            }
        }
    }

    private RemoteEvent.Message message(int run, int k) {
        String partner = EngineRig.partner(k % portals);
        return new RemoteEvent.Message(PortalRef.ofLogin(partner, EngineRig.ME), new Sender(partner, false),
                "bench-" + run + "-" + k, Instant.now(), List.of(MessagePart.only(new MessageContent.Text(
                        FormattedText.plain("bench " + run + " " + k), MessageContent.TextKind.NORMAL))),
                Optional.empty(), Optional.empty());
    }

    /** CPU time of this whole process (bridge, test network and fake homeserver). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}

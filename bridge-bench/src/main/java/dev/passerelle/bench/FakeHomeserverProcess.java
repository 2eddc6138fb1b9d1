package dev.passerelle.bench;

import dev.passerelle.testkit.homeserver.FakeHomeserver;
import dev.passerelle.testkit.homeserver.FakeHomeserverOptions;
import io.vertx.core.Vertx;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The fake homeserver alone, in a process of its own, so that its work and memory do not count in the bridge's.
 * Arguments: as_token, hs_token, the bridge's URL, the answer delay in microseconds. Prints {@code listening <url>}
 * once ready, then one line {@code sent <nanoTime> <body>} for each {@code m.room.message} send whose body starts
 * with {@code bench } as it arrives ({@link System#nanoTime()} is the machine's monotonic clock on Linux, the same
 * in every process). Runs until its standard input closes (when the parent ends).
 */
final class FakeHomeserverProcess {

    private FakeHomeserverProcess() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeHomeserver hs = FakeHomeserver.start(vertx, FakeHomeserverOptions.defaults()
                .withTokens(args[0], args[1]).withServerName(EngineRig.DOMAIN)
                .withAppservice("passerelle", "bridgebot", EngineRig.USER_NAMESPACE)
                .withBridgeUrl(args[2]).withPushRoomEvents(false));
        hs.answerEveryRequestAfter(Duration.ofNanos(Long.parseLong(args[3]) * 1000));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        hs.onArrival(a -> {
            if (a.method().equals("PUT") && a.decodedPath().contains("/send/m.room.message/")) {
                String body = a.body().map(b -> b.path("body").asText("")).orElse("");
                if (body.startsWith("bench ")) {
                    synchronized (out) {
                        try {
                            out.write("sent " + a.nanoTime() + " " + body + "\n");
                        } catch (java.io.IOException e) {
                            System.exit(1); // the parent is gone
                        }
                    }
                }
            }
        });
        synchronized (out) {
            out.write("listening " + hs.url() + "\n");
            out.flush();
        }
        // Arrival lines are flushed every few milliseconds, not each, to keep the homeserver's cost low. What the fake
        // records is forgotten every 100 ms: kept, 300 MB of it made each of its collections stop it for ~40 ms, and
        // a second of it still 10-35 ms, which showed as the bridge's p99 latency.
        Thread.ofPlatform().daemon().start(() -> {
            for (long tick = 1; ; tick++) {
                try {
                    Thread.sleep(5);
                    synchronized (out) {
                        out.flush();
                    }
                    if (tick % 20 == 0) {
                        hs.forgetHistory();
                    }
                } catch (Exception e) {
                    System.err.println("fake homeserver: stopping after " + e);
                    System.exit(1);
                }
            }
        });
        while (System.in.read() >= 0) {
            // the parent never writes; end of input means it is gone
        }
        hs.close();
        vertx.close();
        System.exit(0);
    }
}

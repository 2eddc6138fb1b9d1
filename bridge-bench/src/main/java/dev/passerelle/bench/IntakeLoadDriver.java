package dev.passerelle.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes transactions at a bridge the way Synapse does: {@code PUT /_matrix/app/v1/transactions/{txnId}} with up to
 * 100 events, {@code inFlight} transactions at a time (Synapse keeps one in flight per appservice), and records the
 * time from sending a transaction to its 200 (the "ack latency": the bridge answers only once it is stored).
 */
final class IntakeLoadDriver {

    /** What one run measured. */
    record Result(int transactions, int events, double seconds, LatencySample ack) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI bridge;
    private final String hsToken;
    private final AtomicLong txnCounter = new AtomicLong();
    private final String runId = Long.toString(System.nanoTime(), 36);

    IntakeLoadDriver(URI bridge, String hsToken) {
        this.bridge = bridge;
        this.hsToken = hsToken;
    }

    /** Sends {@code transactions} transactions of {@code eventsPerTxn} text messages spread over {@code rooms} rooms. */
    Result run(int transactions, int eventsPerTxn, int rooms, int inFlight) throws InterruptedException {
        LatencySample ack = new LatencySample();
        AtomicLong next = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < inFlight; w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                long i;
                while ((i = next.getAndIncrement()) < transactions) {
                    push(TransactionBodies.messages(runId, i, eventsPerTxn, rooms), ack);
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(transactions, transactions * eventsPerTxn, seconds, ack);
    }

    private void push(String body, LatencySample ack) {
        String txnId = runId + "-" + txnCounter.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(bridge.resolve("/_matrix/app/v1/transactions/" + txnId))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + hsToken)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        // Like Synapse: the same transaction is retried until the bridge acknowledges it.
        while (true) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    ack.add(System.nanoTime() - sent);
                    return;
                }
                System.err.println("bridge answered " + response.statusCode() + " to " + txnId + ": " + response.body());
            } catch (IOException e) {
                System.err.println("could not reach the bridge for " + txnId + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            try {
                Thread.sleep(200); // back off before retrying the same transaction, as a homeserver would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}

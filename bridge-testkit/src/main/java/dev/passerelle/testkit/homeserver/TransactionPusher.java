package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pushes events to the bridge the way Synapse does: one transaction in flight at a time, increasing transaction
 * ids, at most 100 events per transaction, each transaction resent unchanged (same id, same body) with a doubling,
 * capped backoff until the bridge answers 200. Runs on its own virtual thread from construction until
 * {@link #stop()}. Current mode: {@code PUT /_matrix/app/v1/transactions/{txnId}} with
 * {@code Authorization: Bearer <hs_token>}; old mode: {@code PUT /transactions/{txnId}?access_token=<hs_token>}
 * without the header, events carrying top-level {@code age} and {@code user_id}.
 */
public final class TransactionPusher {
    private static final int MAX_PER_TRANSACTION = 100;

    private final FakeHomeserverOptions options;
    private final String bridgeUrl;
    private final WebClient client;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<ObjectNode> events = new ArrayDeque<>();
    private final Deque<ObjectNode> ephemeral = new ArrayDeque<>();
    private final Deque<ObjectNode> toDevice = new ArrayDeque<>();
    private final List<PushedTransaction> delivered = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Thread thread;
    private long nextTxnId = 1;
    private boolean inFlight;
    private volatile boolean running = true;

    TransactionPusher(FakeHomeserverOptions options, String bridgeUrl, WebClient client) {
        this.options = options;
        this.bridgeUrl = bridgeUrl.endsWith("/") ? bridgeUrl.substring(0, bridgeUrl.length() - 1) : bridgeUrl;
        this.client = client;
        this.thread = Thread.ofVirtual().name("fake-hs-pusher").start(this::run);
    }

    /** Queues room events (copied) for the next transactions. Never blocks on the bridge. */
    public void enqueue(List<ObjectNode> roomEvents) {
        add(events, roomEvents);
    }

    /** Queues ephemeral events (typing, receipts, presence; MSC2409). */
    public void enqueueEphemeral(List<ObjectNode> ephemeralEvents) {
        add(ephemeral, ephemeralEvents);
    }

    /** Queues to-device events (MSC2409's {@code de.sorunome.msc2409.to_device}). */
    public void enqueueToDevice(List<ObjectNode> toDeviceEvents) {
        add(toDevice, toDeviceEvents);
    }

    /** Queues room, ephemeral and to-device events together, so that they travel in the same transaction. */
    public void enqueueTransaction(List<ObjectNode> roomEvents, List<ObjectNode> ephemeralEvents,
                                   List<ObjectNode> toDeviceEvents) {
        lock.lock();
        try {
            roomEvents.forEach(e -> events.add(e.deepCopy()));
            ephemeralEvents.forEach(e -> ephemeral.add(e.deepCopy()));
            toDeviceEvents.forEach(e -> toDevice.add(e.deepCopy()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void add(Deque<ObjectNode> queue, List<ObjectNode> items) {
        lock.lock();
        try {
            items.forEach(e -> queue.add(e.deepCopy()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until everything queued so far was accepted by the bridge.
     *
     * @throws AssertionError when that does not happen within {@code timeout}
     */
    public void awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (inFlight || !events.isEmpty() || !ephemeral.isEmpty() || !toDevice.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the bridge did not accept all pushed transactions within " + timeout
                            + ": " + events.size() + " events still queued, " + attempts.get() + " attempts made, "
                            + delivered.size() + " transactions accepted");
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the pusher", e);
        } finally {
            lock.unlock();
        }
    }

    /** Every HTTP attempt made so far, failed ones included. */
    public int attempts() {
        return attempts.get();
    }

    /** The transactions the bridge accepted, in order. */
    public List<PushedTransaction> delivered() {
        lock.lock();
        try {
            return List.copyOf(delivered);
        } finally {
            lock.unlock();
        }
    }

    /** Stops pushing (a transaction being retried is abandoned). Idempotent. */
    public void stop() {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
    }

    private void run() {
        while (running) {
            ObjectNode body;
            String txnId;
            lock.lock();
            try {
                while (running && events.isEmpty() && ephemeral.isEmpty() && toDevice.isEmpty()) {
                    changed.await();
                }
                if (!running) {
                    return;
                }
                body = nextBody();
                txnId = Long.toString(nextTxnId++);
                inFlight = true;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (!deliver(txnId, body)) {
                return;
            }
        }
    }

    private ObjectNode nextBody() {
        ObjectNode body = Events.JSON.createObjectNode();
        ArrayNode pdus = body.putArray("events");
        for (int i = 0; i < MAX_PER_TRANSACTION && !events.isEmpty(); i++) {
            ObjectNode e = events.poll();
            if (options.oldHomeserverMode()) {
                e.put("age", e.path("unsigned").path("age").asLong(0));
                e.put("user_id", e.path("sender").asText());
            }
            pdus.add(e);
        }
        if (!ephemeral.isEmpty()) {
            ArrayNode edus = Events.JSON.createArrayNode();
            for (int i = 0; i < MAX_PER_TRANSACTION && !ephemeral.isEmpty(); i++) {
                edus.add(ephemeral.poll());
            }
            body.set("de.sorunome.msc2409.ephemeral", edus);
            if (!options.oldHomeserverMode()) {
                body.set("ephemeral", edus.deepCopy());
            }
        }
        if (!toDevice.isEmpty()) {
            ArrayNode devs = body.putArray("de.sorunome.msc2409.to_device");
            for (int i = 0; i < MAX_PER_TRANSACTION && !toDevice.isEmpty(); i++) {
                devs.add(toDevice.poll());
            }
        }
        return body;
    }

    /** Sends until a 200; false when stopped first. */
    private boolean deliver(String txnId, ObjectNode body) {
        long backoffMs = options.pusherInitialBackoff().toMillis();
        int tries = 0;
        while (running) {
            tries++;
            attempts.incrementAndGet();
            if (send(txnId, body) == 200) {
                lock.lock();
                try {
                    delivered.add(new PushedTransaction(txnId, body, tries));
                    inFlight = false;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                return true;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(backoffMs); // the pusher's own backoff, as Synapse's
            } catch (InterruptedException e) {
                return false;
            }
            backoffMs = Math.min(backoffMs * 2, options.pusherMaxBackoff().toMillis());
        }
        return false;
    }

    /** One attempt; the status answered, or -1 when the bridge could not be reached. */
    private int send(String txnId, ObjectNode body) {
        String encodedTxn = URLEncoder.encode(txnId, StandardCharsets.UTF_8);
        HttpRequest<Buffer> req;
        if (options.oldHomeserverMode()) {
            req = client.putAbs(bridgeUrl + "/transactions/" + encodedTxn + "?access_token="
                    + URLEncoder.encode(options.hsToken(), StandardCharsets.UTF_8));
        } else {
            req = client.putAbs(bridgeUrl + "/_matrix/app/v1/transactions/" + encodedTxn)
                    .putHeader("Authorization", "Bearer " + options.hsToken());
        }
        try {
            return req.putHeader("Content-Type", "application/json").timeout(10_000)
                    .sendBuffer(Buffer.buffer(body.toString())).await().statusCode();
        } catch (Exception e) { // await() rethrows checked failures (ConnectException) as they are
            return -1;
        }
    }
}

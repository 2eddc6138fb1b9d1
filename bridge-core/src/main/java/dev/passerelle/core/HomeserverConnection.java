package dev.passerelle.core;

import dev.passerelle.core.matrix.ConnectionCheck;
import dev.passerelle.core.matrix.ConnectionCheck.PingResult;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.metrics.ReadinessCheck;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps watch on the link to the homeserver. At start it checks, on a background virtual thread, that the homeserver
 * answers, accepts the as_token and can reach the bridge back (the appservice ping); until then {@code /ready} says
 * what is wrong and the check is retried with backoff, so a homeserver that starts after the bridge is picked up
 * without a restart. Once connected it sets the bot's display name and re-checks periodically.
 *
 * <p>Transactions are accepted all along: they come from the homeserver, so receiving one proves it is up.
 */
final class HomeserverConnection implements ReadinessCheck, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HomeserverConnection.class);

    private final MatrixClient probe;
    private final MatrixClient client;
    private final String address;
    private final String bridgeAddress;
    private final String botDisplayname;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Duration recheck;
    private final OutageReminder outage;
    private final AtomicReference<Readiness> state =
            new AtomicReference<>(Readiness.notReady("not yet connected to the homeserver"));
    private volatile boolean closed;
    private Thread watcher;

    /**
     * @param probe  a client that tries once per call (its failures are this class's to retry)
     * @param client the bridge's client, used for the bot's profile once connected
     */
    HomeserverConnection(MatrixClient probe, MatrixClient client, String address, String bridgeAddress,
                         String botDisplayname, Duration firstRetry, Duration maxRetry, Duration recheck,
                         OutageReminder outage) {
        this.probe = probe;
        this.client = client;
        this.address = address;
        this.bridgeAddress = bridgeAddress;
        this.botDisplayname = botDisplayname;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.recheck = recheck;
        this.outage = outage;
    }

    void start() {
        watcher = Thread.ofVirtual().name("homeserver-watch").start(this::watch);
    }

    private void watch() {
        Duration wait = firstRetry;
        boolean profileSet = false;
        while (!closed) {
            Readiness now = attempt(!profileSet);
            Readiness before = state.getAndSet(now);
            if (now instanceof Readiness.Ready) {
                profileSet = true;
                wait = firstRetry;
                if (!(before instanceof Readiness.Ready)) {
                    outage.up().ifPresent(lasted -> LOG.info("The homeserver is back after {}.",
                            OutageReminder.spoken(lasted)));
                    LOG.info("The homeserver link is healthy; re-checking every {} s", recheck.toSeconds());
                }
                pause(recheck);
            } else {
                String reason = ((Readiness.NotReady) now).reason();
                Optional<String> reminder = outage.stillDown(reason, address);
                if (!now.equals(before)) {
                    LOG.warn("{} Retrying in {} s; /ready answers 503 meanwhile.", reason, wait.toSeconds());
                } else {
                    reminder.ifPresent(LOG::warn);
                }
                pause(wait);
                wait = wait.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : wait.multipliedBy(2);
            }
        }
    }

    private Readiness attempt(boolean firstConnection) {
        try {
            if (!firstConnection) {
                probe.bot().whoami();
                return Readiness.ok();
            }
            ConnectionCheck check = probe.checkConnection();
            Readiness pingState = switch (check.ping()) {
                case PingResult.Reached r -> {
                    LOG.info("Connected to the homeserver at {} as {} (Matrix {}); it reached the bridge back in {} ms",
                            address, check.botUserId(), check.capabilities().versions(), r.durationMs());
                    yield Readiness.ok();
                }
                case PingResult.NotSupported n -> {
                    LOG.info("Connected to the homeserver at {} as {} (Matrix {}); it has no appservice ping, so "
                            + "whether it can reach the bridge shows only when transactions arrive",
                            address, check.botUserId(), check.capabilities().versions());
                    yield Readiness.ok();
                }
                case PingResult.Failed f -> Readiness.notReady("The homeserver at " + address
                        + " accepts the bridge's as_token but cannot reach the bridge at " + bridgeAddress + " ("
                        + f.errcode() + ": " + f.error() + "). Check appservice.address in config.yaml and url in "
                        + "registration.yaml, and that the homeserver can open that address.");
            };
            if (pingState instanceof Readiness.Ready) {
                setBotProfile();
            }
            return pingState;
        } catch (MatrixException.TokenRejected e) {
            return Readiness.notReady(e.getMessage());
        } catch (MatrixException.Unreachable e) {
            return Readiness.notReady(e.getMessage());
        } catch (MatrixException e) {
            return Readiness.notReady("The homeserver at " + address + " answered " + e.status() + " " + e.errcode()
                    + " (" + e.error() + ") while the bridge checked its connection.");
        } catch (RuntimeException e) {
            return Readiness.notReady("Checking the homeserver at " + address + " failed: " + e.getMessage());
        }
    }

    private void setBotProfile() {
        if (botDisplayname == null || botDisplayname.isBlank()) {
            return;
        }
        try {
            client.bot().setDisplayName(botDisplayname);
        } catch (RuntimeException e) {
            LOG.warn("Could not set the bot's display name: {}", e.getMessage());
        }
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public String name() {
        return "homeserver";
    }

    @Override
    public Readiness check() {
        return state.get();
    }

    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            watcher.interrupt();
        }
    }
}

package dev.passerelle.core.bridge;

import dev.passerelle.core.matrix.Intent;
import dev.passerelle.core.matrix.MatrixClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers each network's bot and sets its display name and avatar, on a background virtual thread that retries
 * with backoff until the homeserver answers (it may start after the bridge).
 */
final class BotProfiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotProfiles.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final MatrixClient matrix;
    private final List<Network> networks;
    private volatile boolean closed;
    private Thread worker;

    BotProfiles(MatrixClient matrix, List<Network> networks) {
        this.matrix = matrix;
        this.networks = networks;
    }

    void start() {
        worker = Thread.ofVirtual().name("network-bots").start(this::run);
    }

    private void run() {
        List<Network> left = new ArrayList<>(networks);
        Duration wait = FIRST_RETRY;
        while (!closed && !left.isEmpty()) {
            left.removeIf(this::setUp);
            if (!left.isEmpty()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private boolean setUp(Network network) {
        try {
            Intent bot = matrix.intent(network.botUserId());
            bot.ensureRegistered();
            bot.setDisplayName(network.description().botDisplayname());
            network.description().botAvatar().ifPresent(bot::setAvatarUrl);
            LOG.info("Bot {} of network {} is registered", network.botUserId(), network.id());
            return true;
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("Could not set up bot {} of network {} yet: {}", network.botUserId(), network.id(),
                        e.getMessage());
            }
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (worker != null) {
            worker.interrupt();
        }
    }
}

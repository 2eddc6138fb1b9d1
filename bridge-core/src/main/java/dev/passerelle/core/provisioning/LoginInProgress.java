package dev.passerelle.core.provisioning;

import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One login process started through the API: whose it is, for which network, the step the client must answer,
 * and when it last moved. Steps are taken one at a time under {@link #lock}.
 */
final class LoginInProgress {

    final String id;
    final String userId;
    final String network;
    final LoginProcess process;
    final ReentrantLock lock = new ReentrantLock();
    private volatile LoginStep step;
    private volatile Instant lastActive;
    private volatile boolean busy;

    LoginInProgress(String id, String userId, String network, LoginProcess process, LoginStep first, Instant now) {
        this.id = id;
        this.userId = userId;
        this.network = network;
        this.process = process;
        this.step = first;
        this.lastActive = now;
    }

    LoginStep step() {
        return step;
    }

    void moved(LoginStep next, Instant now) {
        step = next;
        lastActive = now;
    }

    /** Marks a call in progress (a wait for a QR scan counts as activity, however long it takes). */
    void busy(boolean busy, Instant now) {
        this.busy = busy;
        lastActive = now;
    }

    /** Whether nothing happened since {@code cutoff}. */
    boolean idleSince(Instant cutoff) {
        return !busy && lastActive.isBefore(cutoff);
    }
}

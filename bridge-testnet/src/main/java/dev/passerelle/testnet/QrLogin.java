package dev.passerelle.testnet;

import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginStep;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * The {@code qr} flow: shows {@code testnet://login/<token>}, a new token every {@code qr_rotate_seconds}, until
 * the test calls {@link TestNetwork#scanQr}; then the password when the account has one.
 */
final class QrLogin extends AccountLogin {

    static final String URI_PREFIX = "testnet://login/";
    private static final String STEP = "qr";

    private final Duration rotate;
    private final Condition changed;
    private Optional<String> token = Optional.empty();
    private Optional<TestAccount> scannedBy = Optional.empty();
    private long rotateAtNanos;

    QrLogin(World world, Duration rotate) {
        super(world);
        this.rotate = rotate;
        this.changed = world.lock.newCondition();
    }

    @Override
    protected LoginStep first() {
        return newCode();
    }

    @Override
    public LoginStep awaitNext(Duration timeout) throws LoginException {
        world.lock.lock();
        try {
            ensureOpen();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (current instanceof LoginStep.Display) {
                if (scannedBy.isPresent()) {
                    current = identified(scannedBy.get());
                    break;
                }
                long now = System.nanoTime();
                if (now - rotateAtNanos >= 0) {
                    current = newCode();
                    break;
                }
                if (now - deadline >= 0) {
                    break;
                }
                changed.await(Math.min(rotateAtNanos, deadline) - now, TimeUnit.NANOSECONDS);
                ensureOpen();
            }
            return current;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("PASSERELLE.TESTNET.LOGIN_INTERRUPTED", "The wait for the QR scan was interrupted");
        } finally {
            world.lock.unlock();
        }
    }

    /** The test scanned {@code scanned} with {@code account}'s phone; false when it is not this login's current code. */
    boolean scan(String scanned, TestAccount account) {
        if (isCancelled() || !token.map(scanned::equals).orElse(false)) {
            return false;
        }
        scannedBy = Optional.of(account);
        release();
        changed.signalAll();
        return true;
    }

    @Override
    protected LoginStep answer(Map<String, String> fields) {
        throw new IllegalStateException("The QR flow asks only for the password, which the base class checks");
    }

    @Override
    protected void release() {
        token.ifPresent(world::releaseQrToken);
        token = Optional.empty();
        changed.signalAll();
    }

    private LoginStep newCode() {
        token.ifPresent(world::releaseQrToken);
        String fresh = world.newQrToken(this);
        token = Optional.of(fresh);
        rotateAtNanos = System.nanoTime() + rotate.toNanos();
        return new LoginStep.Display(STEP, LoginStep.DisplayKind.QR, URI_PREFIX + fresh,
                "Scan this code with the Test Network app (in tests: TestNetwork.scanQr). It changes every "
                        + rotate.toMillis() / 1000.0 + " s.");
    }
}

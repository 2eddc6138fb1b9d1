package dev.passerelle.testnet;

import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What both login flows share: the current step, the 2FA password step, completion and cancellation. Every method
 * runs under the world's lock.
 */
abstract sealed class AccountLogin implements LoginProcess permits QrLogin, CodeLogin {

    static final String PASSWORD_STEP = "password";

    protected final World world;
    protected LoginStep current;
    private Optional<TestAccount> identified = Optional.empty();
    private boolean cancelled;

    AccountLogin(World world) {
        this.world = world;
    }

    /** The first step of the flow, under the lock. */
    protected abstract LoginStep first() throws LoginException;

    /** Answers a step of the flow other than the password, under the lock. */
    protected abstract LoginStep answer(Map<String, String> fields) throws LoginException;

    /** Frees what the flow holds in the world (a QR token), under the lock. */
    protected abstract void release();

    @Override
    public final LoginStep start() throws LoginException {
        world.lock.lock();
        try {
            ensureOpen();
            current = first();
            return current;
        } finally {
            world.lock.unlock();
        }
    }

    @Override
    public final LoginStep submit(Map<String, String> fields) throws LoginException {
        world.lock.lock();
        try {
            ensureOpen();
            if (!(current instanceof LoginStep.UserInput input)) {
                throw new LoginException("PASSERELLE.TESTNET.WRONG_STEP", "This login step (" + stepName()
                        + ") does not take an answer; wait for the next step instead");
            }
            current = input.stepId().equals(PASSWORD_STEP) ? checkPassword(fields) : answer(fields);
            return current;
        } finally {
            world.lock.unlock();
        }
    }

    @Override
    public LoginStep awaitNext(Duration timeout) throws LoginException {
        world.lock.lock();
        try {
            ensureOpen();
            return current;
        } finally {
            world.lock.unlock();
        }
    }

    @Override
    public final void cancel() {
        world.lock.lock();
        try {
            if (!cancelled) {
                cancelled = true;
                release();
            }
        } finally {
            world.lock.unlock();
        }
    }

    /** The account is known: ask its password when it has one, else complete. */
    protected final LoginStep identified(TestAccount account) {
        identified = Optional.of(account);
        if (account.password().isPresent()) {
            return passwordStep("Account " + account.name() + " has two-step verification: enter its password.");
        }
        return complete(account);
    }

    protected final void ensureOpen() throws LoginException {
        if (cancelled) {
            throw new LoginException("PASSERELLE.TESTNET.LOGIN_CANCELLED",
                    "This Test Network login was cancelled or timed out; start a new one with `login`");
        }
    }

    protected final boolean isCancelled() {
        return cancelled;
    }

    protected static String field(Map<String, String> fields, String id) {
        return fields.getOrDefault(id, "").strip();
    }

    private LoginStep checkPassword(Map<String, String> fields) {
        TestAccount account = identified.orElseThrow();
        byte[] given = field(fields, PASSWORD_STEP).getBytes(StandardCharsets.UTF_8);
        byte[] expected = account.password().orElseThrow().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            return passwordStep("The password was wrong; enter the two-step verification password of "
                    + account.name() + " again.");
        }
        return complete(account);
    }

    private static LoginStep passwordStep(String instructions) {
        return new LoginStep.UserInput(PASSWORD_STEP, instructions, List.of(new InputField(PASSWORD_STEP,
                InputField.Kind.PASSWORD, "Password", "Your Test Network two-step verification password",
                Optional.empty())));
    }

    private LoginStep complete(TestAccount account) {
        String token = world.newSession(account.id());
        release();
        return new LoginStep.Complete("complete",
                new NewLogin(account.id(), account.name(), token.getBytes(StandardCharsets.UTF_8)));
    }

    private String stepName() {
        return current == null ? "not started" : current.stepId();
    }
}

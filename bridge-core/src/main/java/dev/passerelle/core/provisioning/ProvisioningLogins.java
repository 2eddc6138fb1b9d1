package dev.passerelle.core.provisioning;

import dev.passerelle.core.command.CommandTarget;
import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginFlow;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NetworkConnector;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logins in progress through the provisioning API: at most one per (user, network), each owned by the user who
 * started it (anyone else is told it does not exist), cancelled after {@code idle} without a call. Submitted values
 * are never logged. Every method may block (the connector, the store); call from virtual threads. Thread-safe.
 */
final class ProvisioningLogins implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningLogins.class);
    /** A login that has no call for this long is cancelled, as in the management room. */
    static final Duration IDLE = Duration.ofMinutes(5);
    /** How long one {@code display_and_wait} call waits for the next step before answering the same step again. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final CommandTarget target;
    private final Clock clock;
    private final Duration idle;
    private final Duration wait;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, LoginInProgress> byId = new ConcurrentHashMap<>();

    ProvisioningLogins(CommandTarget target, Clock clock, Duration idle, Duration wait) {
        this.target = target;
        this.clock = clock;
        this.idle = idle;
        this.wait = wait;
    }

    /**
     * Starts a login with {@code flowId} of {@code network} for {@code userId}.
     *
     * @return the process id and its first step
     * @throws ProvisioningException 404 for an unknown flow, 409 when the user already has one in progress to that
     *                               network (its id given), 400 when the connector refuses to start
     */
    Started start(String userId, NetworkConnector network, String flowId) throws ProvisioningException {
        Optional<LoginFlow> flow = network.loginFlows().stream().filter(f -> f.id().equals(flowId)).findFirst();
        if (flow.isEmpty()) {
            throw new ProvisioningException(404, "M_NOT_FOUND", network.description().displayName()
                    + " has no login flow '" + flowId + "'; use one of: " + String.join(", ",
                    network.loginFlows().stream().map(LoginFlow::id).toList()));
        }
        String id = claim(userId, network);
        try {
            LoginProcess process = network.startLogin(flowId, userId);
            LoginStep first;
            try {
                first = process.start();
            } catch (LoginException | RuntimeException e) {
                process.cancel();
                throw e;
            }
            byId.put(id, new LoginInProgress(id, userId, network.id(), process, first, clock.instant()));
            LOG.info("Provisioning: {} started login {} to {} with flow {}", userId, id, network.id(), flowId);
            return new Started(id, first);
        } catch (LoginException e) {
            byId.remove(id);
            throw failed(e);
        } catch (RuntimeException e) {
            byId.remove(id);
            LOG.warn("Provisioning: starting a {} login for {} failed", network.id(), userId, e);
            throw new ProvisioningException(500, "PASSERELLE.LOGIN_FAILED", "The login could not start: "
                    + e.getMessage() + ". Try again, or ask the bridge admin to look at the bridge's log.");
        }
    }

    /** Reserves a process id for the user's login to {@code network}, refusing a second one at the same time. */
    private synchronized String claim(String userId, NetworkConnector network) throws ProvisioningException {
        Optional<LoginInProgress> running = byId.values().stream()
                .filter(l -> l.userId.equals(userId) && l.network.equals(network.id())).findFirst();
        if (running.isPresent()) {
            throw new ProvisioningException(409, "PASSERELLE.LOGIN_IN_PROGRESS", "A login of " + userId + " to "
                    + network.description().displayName() + " is already in progress (" + running.get().id
                    + "): finish it, or cancel it with DELETE .../v3/login/" + running.get().id,
                    Optional.of(running.get().id));
        }
        String id = newId();
        byId.put(id, new LoginInProgress(id, userId, network.id(), null, null, clock.instant()));
        return id;
    }

    /** A started login: its process id and first step. */
    record Started(String processId, LoginStep step) {
    }

    /**
     * Answers the current {@link LoginStep.UserInput} step of process {@code processId}; values are checked against
     * the fields' patterns first.
     *
     * @return the next step; on {@link LoginStep.Complete} the login is stored and the process gone
     */
    LoginStep submit(String userId, String processId, String stepId, String type, Map<String, String> values)
            throws ProvisioningException {
        LoginInProgress login = owned(userId, processId);
        login.lock.lock();
        try {
            LoginStep.UserInput input = expect(login, stepId, type, LoginStep.UserInput.class);
            for (InputField field : input.fields()) {
                String value = values.get(field.id());
                if (value == null) {
                    throw new ProvisioningException(400, "M_BAD_JSON", "The answer has no value for the field '"
                            + field.id() + "' (" + field.name() + "); send {\"" + field.id() + "\": \"...\"}");
                }
                if (field.pattern().isPresent() && !Pattern.matches(field.pattern().get(), value.strip())) {
                    throw new ProvisioningException(400, "M_INVALID_PARAM", "That is not a valid "
                            + field.name().toLowerCase(java.util.Locale.ROOT) + " (" + field.description()
                            + "); send it again");
                }
            }
            return advance(login, () -> login.process.submit(values));
        } finally {
            login.lock.unlock();
        }
    }

    /**
     * Waits while the current {@link LoginStep.Display} is shown: the next step, a refreshed display, or the same
     * step when nothing happened for the wait time.
     */
    LoginStep await(String userId, String processId, String stepId) throws ProvisioningException {
        LoginInProgress login = owned(userId, processId);
        login.lock.lock();
        try {
            expect(login, stepId, LoginStepJson.DISPLAY_AND_WAIT, LoginStep.Display.class);
            login.busy(true, clock.instant());
            try {
                return advance(login, () -> login.process.awaitNext(wait));
            } finally {
                login.busy(false, clock.instant());
            }
        } finally {
            login.lock.unlock();
        }
    }

    /** Cancels process {@code processId} of {@code userId}; it may be waiting, which then ends. */
    void cancel(String userId, String processId) throws ProvisioningException {
        LoginInProgress login = owned(userId, processId);
        end(login, "cancelled");
    }

    /** Cancels the logins that had no call for the idle time; called periodically. */
    void expire() {
        var cutoff = clock.instant().minus(idle);
        for (LoginInProgress login : byId.values()) {
            if (login.process != null && login.idleSince(cutoff)) {
                end(login, "timed out after " + idle.toMinutes() + " idle minutes");
            }
        }
    }

    /** The process ids in progress for {@code userId}. */
    List<String> inProgress(String userId) {
        return byId.values().stream().filter(l -> l.userId.equals(userId)).map(l -> l.id).sorted().toList();
    }

    @Override
    public void close() {
        byId.values().forEach(l -> end(l, "the bridge is stopping"));
    }

    private interface StepCall {
        LoginStep call() throws LoginException;
    }

    private LoginStep advance(LoginInProgress login, StepCall call) throws ProvisioningException {
        LoginStep next;
        try {
            next = call.call();
        } catch (LoginException e) {
            end(login, "failed (" + e.code() + ")");
            throw failed(e);
        } catch (RuntimeException e) {
            end(login, "failed");
            LOG.warn("Provisioning: login {} of {} to {} failed", login.id, login.userId, login.network, e);
            throw new ProvisioningException(500, "PASSERELLE.LOGIN_FAILED", "The login failed: " + e.getMessage()
                    + ". Start it again, or ask the bridge admin to look at the bridge's log.");
        }
        login.moved(next, clock.instant());
        if (next instanceof LoginStep.Complete done) {
            byId.remove(login.id, login);
            try {
                target.addLogin(login.network, login.userId, done.login());
            } catch (Exception e) {
                LOG.warn("Provisioning: login {} of {} to {} completed but could not be stored", login.id,
                        login.userId, login.network, e);
                throw new ProvisioningException(500, "PASSERELLE.LOGIN_NOT_STORED", "The network accepted the login"
                        + " but the bridge could not store it: " + e.getMessage() + ". Try again later.");
            } finally {
                login.process.close();
            }
            LOG.info("Provisioning: login {} of {} to {} completed as {}", login.id, login.userId, login.network,
                    done.login().loginId());
        } else {
            LOG.debug("Provisioning: login {} is at step {}", login.id, next.stepId());
        }
        return next;
    }

    private <S extends LoginStep> S expect(LoginInProgress login, String stepId, String type, Class<S> kind)
            throws ProvisioningException {
        LoginStep current = login.step();
        if (!current.stepId().equals(stepId)) {
            throw new ProvisioningException(400, "M_BAD_STATE", "Login " + login.id + " is at step '"
                    + current.stepId() + "', not '" + stepId + "'; answer the current step");
        }
        boolean typeFits = LoginStepJson.type(current).equals(type)
                || (type.equals(LoginStepJson.COOKIES) && current instanceof LoginStep.UserInput u
                && u.fields().stream().anyMatch(f -> f.kind() == InputField.Kind.COOKIES));
        if (!kind.isInstance(current) || !typeFits) {
            throw new ProvisioningException(400, "M_BAD_STATE", "Step '" + stepId + "' of login " + login.id
                    + " is of type " + LoginStepJson.type(current) + ", not " + type);
        }
        return kind.cast(current);
    }

    private LoginInProgress owned(String userId, String processId) throws ProvisioningException {
        LoginInProgress login = byId.get(processId);
        if (login == null || login.process == null || !login.userId.equals(userId)) {
            // Another user's process is "not found" too: its existence is none of their business.
            throw new ProvisioningException(404, "M_NOT_FOUND", "There is no login process " + processId + " of "
                    + userId + ": it completed, failed, was cancelled or timed out. Start a new one with "
                    + ".../v3/login/start/{flow}");
        }
        return login;
    }

    private void end(LoginInProgress login, String why) {
        if (byId.remove(login.id, login) && login.process != null) {
            login.process.cancel();
            LOG.info("Provisioning: login {} of {} to {} {}", login.id, login.userId, login.network, why);
        }
    }

    private static ProvisioningException failed(LoginException e) {
        return new ProvisioningException(400, e.code(), e.getMessage());
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

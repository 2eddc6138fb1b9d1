package dev.passerelle.core.command;

import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.matrix.MatrixException;
import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login in progress in one room: drives a {@link LoginProcess} step by step on its own virtual thread, shows
 * each step in the room and takes the user's answers from {@link #answer}. It never logs an answer.
 */
final class LoginConversation implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LoginConversation.class);
    /** How long one {@code awaitNext} call may block before the conversation looks for a cancel. */
    private static final Duration SLICE = Duration.ofMillis(250);

    private final LoginStart start;
    private final LoginProcess process;
    private final BotSender bot;
    private final CommandTarget target;
    private final Duration timeout;
    private final Runnable onEnd;
    private final BlockingQueue<Input> inputs = new LinkedBlockingQueue<>();
    private final String id = UUID.randomUUID().toString();
    private volatile boolean awaitingAnswer;
    private Optional<String> qrEvent = Optional.empty();
    private int sent;

    /** Who logs in where: the user, the connector id and its display name, and the room of the conversation. */
    record LoginStart(String userId, String network, String networkName, String roomId) {
    }

    private sealed interface Input {
        record Answer(String text, String eventId) implements Input {
        }

        record Cancel() implements Input {
        }
    }

    LoginConversation(LoginStart start, LoginProcess process, BotSender bot, CommandTarget target,
                      Duration timeout, Runnable onEnd) {
        this.start = start;
        this.process = process;
        this.bot = bot;
        this.target = target;
        this.timeout = timeout;
        this.onEnd = onEnd;
    }

    String roomId() {
        return start.roomId();
    }

    /** Hands the user's message to the question being asked; false when no question is open (it is a command). */
    boolean answer(String text, String eventId) {
        if (!awaitingAnswer) {
            return false;
        }
        inputs.add(new Input.Answer(text, eventId));
        return true;
    }

    /** Asks the conversation to stop; it says so in the room. */
    void cancel() {
        inputs.add(new Input.Cancel());
    }

    @Override
    public void run() {
        // The last word is said only once the conversation has ended, so that the user's next message, sent on
        // seeing it, is a command again and not taken as an answer.
        FormattedText outcome;
        try (process) {
            Instant deadline = Instant.now().plus(timeout);
            LoginStep step = process.start();
            while (!(step instanceof LoginStep.Complete)) {
                LoginStep next = switch (step) {
                    case LoginStep.Display d -> awaitAfter(d, deadline);
                    case LoginStep.UserInput u -> process.submit(ask(u, deadline));
                    case LoginStep.Complete c -> c;
                };
                if (!(next instanceof LoginStep.Display d && step instanceof LoginStep.Display old
                        && d.stepId().equals(old.stepId()))) {
                    deadline = Instant.now().plus(timeout); // a refreshed QR code is no progress; anything else is
                }
                step = next;
            }
            LoginStep.Complete done = (LoginStep.Complete) step;
            target.addLogin(start.network(), start.userId(), done.login());
            outcome = FormattedText.builder().append("Logged in to " + start.networkName() + " as ")
                    .append(done.login().remoteName(), EntityType.BOLD).append(".").build();
        } catch (Stop.Cancelled e) {
            outcome = FormattedText.plain("Login cancelled.");
        } catch (Stop.TimedOut e) {
            outcome = FormattedText.plain("The login timed out: nothing happened for " + timeout.toMinutes()
                    + " minutes. Use login to start again.");
        } catch (LoginException e) {
            outcome = FormattedText.plain("Login failed: " + e.getMessage());
        } catch (Exception e) {
            LOG.warn("login of {} to {} failed", start.userId(), start.network(), e);
            outcome = FormattedText.plain("Login failed: " + e.getMessage() + ". Try again, or ask the bridge admin"
                    + " to look at the bridge's log.");
        } finally {
            awaitingAnswer = false;
            onEnd.run();
        }
        say(outcome);
    }

    private LoginStep awaitAfter(LoginStep.Display shown, Instant deadline) throws LoginException, Stop {
        show(shown);
        while (true) {
            if (inputs.poll() instanceof Input.Cancel) {
                throw new Stop.Cancelled();
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new Stop.TimedOut();
            }
            LoginStep next = process.awaitNext(left.compareTo(SLICE) < 0 ? left : SLICE);
            if (!next.equals(shown)) {
                return next;
            }
        }
    }

    private void show(LoginStep.Display d) {
        switch (d.kind()) {
            case QR -> {
                QrCodeImage qr = QrCodeImage.render(d.data());
                if (qrEvent.isPresent()) {
                    bot.replaceQrImage(start.roomId(), qrEvent.get(), qr, nextTxn());
                } else {
                    qrEvent = Optional.of(bot.qrImage(start.roomId(), qr, nextTxn()));
                    say(FormattedText.plain(d.instructions()));
                }
            }
            case CODE -> say(FormattedText.builder().append(d.instructions() + "\n")
                    .append(d.data(), new EntityType.Pre(Optional.empty())).build());
            case TEXT -> say(FormattedText.plain(d.instructions()));
        }
    }

    private Map<String, String> ask(LoginStep.UserInput step, Instant deadline) throws Stop {
        Map<String, String> values = new LinkedHashMap<>();
        boolean first = true;
        for (InputField field : step.fields()) {
            var prompt = FormattedText.builder();
            if (first && !step.instructions().isBlank()) {
                prompt.append(step.instructions() + "\n");
            }
            first = false;
            prompt.append(field.name(), EntityType.BOLD).append(field.description().isBlank() ? ""
                    : ": " + field.description());
            awaitingAnswer = true;
            say(prompt.build());
            values.put(field.id(), readAnswer(field, deadline));
        }
        awaitingAnswer = false;
        return values;
    }

    private String readAnswer(InputField field, Instant deadline) throws Stop {
        while (true) {
            Input input;
            try {
                input = inputs.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stop.Cancelled();
            }
            switch (input) {
                case null -> throw new Stop.TimedOut();
                case Input.Cancel c -> throw new Stop.Cancelled();
                case Input.Answer a -> {
                    if (field.isSecret()) {
                        hide(a.eventId(), field);
                    }
                    String value = a.text().strip();
                    if (field.pattern().isEmpty() || Pattern.matches(field.pattern().get(), value)) {
                        return value;
                    }
                    say(FormattedText.plain("That is not a valid " + field.name().toLowerCase()
                            + ". Send it again, or cancel."));
                }
            }
        }
    }

    private void hide(String eventId, InputField field) {
        try {
            bot.redact(start.roomId(), eventId, "login " + field.name().toLowerCase() + " removed", nextTxn());
        } catch (MatrixException e) {
            LOG.warn("could not redact a login answer in {}: {}", start.roomId(), e.getMessage());
            say(FormattedText.plain("I could not remove your message with the " + field.name().toLowerCase()
                    + " (" + e.errcode() + "); please delete it yourself."));
        }
    }

    private void say(FormattedText text) {
        try {
            bot.notice(start.roomId(), text, nextTxn());
        } catch (MatrixException e) {
            LOG.warn("could not tell {} about their login in {}: {}", start.userId(), start.roomId(), e.getMessage());
        }
    }

    private synchronized String nextTxn() {
        return "login-" + id + "-" + (sent++);
    }

    /** Why the conversation stops before the login completes. */
    private abstract static sealed class Stop extends Exception {
        Stop() {
            super(null, null, false, false);
        }

        static final class Cancelled extends Stop {
        }

        static final class TimedOut extends Stop {
        }
    }
}

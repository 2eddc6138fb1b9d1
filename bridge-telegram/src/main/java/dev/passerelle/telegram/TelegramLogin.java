package dev.passerelle.telegram;

import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.telegram.td.TdException;
import dev.passerelle.telegram.td.TdReceiveLoop;
import dev.passerelle.telegram.td.api.AuthRequest;
import dev.passerelle.telegram.td.api.AuthorizationState;
import dev.passerelle.telegram.td.api.TdObject;
import dev.passerelle.telegram.td.api.TdRequest;
import dev.passerelle.telegram.td.api.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login on its own TDLib client and database, driven by TDLib's authorization states: each state becomes one
 * step (phone number, code, password with its hint, QR code, bot token). Flows differ only in what answers
 * {@code authorizationStateWaitPhoneNumber}. When TDLib is ready the client is closed, its database kept for the
 * account's {@link TelegramClient}, and the login completes; a login that does not complete deletes its database.
 */
final class TelegramLogin implements LoginProcess {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramLogin.class);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    enum Flow { PHONE, QR, BOT }

    private final Flow flow;
    private final TdReceiveLoop loop;
    private final TelegramConfig config;
    private final TdDatabase database;
    private TdInstance td;
    private LoginStep current;
    private String base = ""; // the instructions of the current question, without a notice
    private boolean done;

    TelegramLogin(Flow flow, TdReceiveLoop loop, TelegramConfig config, Path dataDirectory, byte[] secretKey) {
        this.flow = flow;
        this.loop = loop;
        this.config = config;
        this.database = TdDatabase.create(dataDirectory, secretKey);
    }

    @Override
    public synchronized LoginStep start() throws LoginException {
        try {
            td = TdInstance.start(loop, database, config, "login-" + database.id().substring(0, 8), update -> { });
        } catch (TdException e) {
            throw fail("PASSERELLE.TELEGRAM.TDLIB_START", "TDLib could not start for the login (" + e.tdMessage()
                    + "). Check networks.telegram.api_id and api_hash, then try again.");
        }
        return current = stepFor(awaitState(), "");
    }

    @Override
    public synchronized LoginStep submit(Map<String, String> fields) throws LoginException {
        if (!(current instanceof LoginStep.UserInput input)) {
            throw new LoginException("PASSERELLE.TELEGRAM.NOT_ASKING", "The login is not waiting for an answer now.");
        }
        String field = input.fields().getFirst().id();
        String value = fields.getOrDefault(field, "").strip();
        if (value.isEmpty()) {
            return current = withNotice(input, "Please enter a value. ");
        }
        TdRequest<?> request = switch (field) {
            case "phone" -> new AuthRequest.SetAuthenticationPhoneNumber(value);
            case "code" -> new AuthRequest.CheckAuthenticationCode(value);
            case "password" -> new AuthRequest.CheckAuthenticationPassword(value);
            case "token" -> new AuthRequest.CheckAuthenticationBotToken(value);
            default -> throw new IllegalStateException(field);
        };
        try {
            call(request);
        } catch (TdException e) {
            return current = refused(input, e);
        }
        return current = stepFor(awaitState(), "");
    }

    @Override
    public synchronized LoginStep awaitNext(Duration timeout) throws LoginException {
        if (!(current instanceof LoginStep.Display)) {
            return current;
        }
        Optional<AuthorizationState> next = td.nextState(timeout);
        if (next.isEmpty()) {
            return current;
        }
        return current = stepFor(next.get(), "");
    }

    @Override
    public synchronized void cancel() {
        if (done) {
            return;
        }
        done = true;
        if (td != null) {
            td.close();
        }
        try {
            database.delete();
        } catch (IOException e) {
            LOG.warn("Could not delete the TDLib database of an abandoned login, {}: {}", database, e.toString());
        }
    }

    private AuthorizationState awaitState() throws LoginException {
        return td.nextState(ANSWER_TIMEOUT).orElseThrow(() -> fail("PASSERELLE.TELEGRAM.TIMEOUT",
                "Telegram did not answer within " + ANSWER_TIMEOUT.toSeconds() + " seconds. Check that the"
                        + " bridge can reach Telegram, then start the login again."));
    }

    private LoginStep stepFor(AuthorizationState state, String notice) throws LoginException {
        return switch (state) {
            case AuthorizationState.WaitPhoneNumber p -> switch (flow) {
                case PHONE -> ask("phone", notice, "Enter the phone number of your Telegram account, with the"
                        + " country code.", InputField.Kind.PHONE_NUMBER, "Phone number", "e.g. +33 6 12 34 56 78");
                case BOT -> ask("token", notice, "Enter the token @BotFather gave your bot.",
                        InputField.Kind.TOKEN, "Bot token", "like 123456789:AAE...");
                case QR -> {
                    try {
                        call(new AuthRequest.RequestQrCodeAuthentication(List.of()));
                    } catch (TdException e) {
                        throw refusedForGood(e);
                    }
                    yield stepFor(awaitState(), notice);
                }
            };
            case AuthorizationState.WaitOtherDeviceConfirmation c -> new LoginStep.Display("qr",
                    LoginStep.DisplayKind.QR, c.link(), "Scan this QR code with Telegram on your phone: Settings →"
                    + " Devices → Link Desktop Device. A new code replaces it every 30 seconds or so.");
            case AuthorizationState.WaitCode c -> ask("code", notice, "Enter the code Telegram sent to "
                    + (c.codeInfo() == null ? "your account" : c.codeInfo().phoneNumber())
                    + " (in the Telegram app, or by SMS).", InputField.Kind.CODE, "Code", "");
            case AuthorizationState.WaitPassword p -> ask("password", notice, "Your account has two-step"
                    + " verification: enter its password.", InputField.Kind.PASSWORD, "Password",
                    p.passwordHint() == null || p.passwordHint().isEmpty() ? "" : "Hint: " + p.passwordHint());
            case AuthorizationState.Ready r -> complete();
            case AuthorizationState.WaitEmailAddress e -> throw fail("PASSERELLE.TELEGRAM.EMAIL_REQUIRED",
                    "Telegram wants this account to set up a login email before it logs in on a new device. Log in"
                            + " once in the official Telegram app (which sets it up), then log in here again.");
            case AuthorizationState.WaitEmailCode e -> throw fail("PASSERELLE.TELEGRAM.EMAIL_CODE",
                    "Telegram asks for a code sent to your login email, which the bridge cannot ask for yet. Use"
                            + " `login qr` instead: scan the QR code with the Telegram app.");
            case AuthorizationState.WaitRegistration r -> throw fail("PASSERELLE.TELEGRAM.NO_ACCOUNT",
                    "This phone number has no Telegram account. Sign up in the official Telegram app first, then"
                            + " log in here.");
            case AuthorizationState.WaitPremiumPurchase p -> throw fail("PASSERELLE.TELEGRAM.PREMIUM_REQUIRED",
                    "Telegram asks this account to buy Telegram Premium before it logs in on a new device. Use"
                            + " `login qr` from a device already logged in, or do it in the official app.");
            case AuthorizationState.WaitTdlibParameters w -> throw fail("PASSERELLE.TELEGRAM.TDLIB_STATE",
                    "TDLib restarted during the login; start the login again.");
            case AuthorizationState.LoggingOut l -> throw closedDuringLogin();
            case AuthorizationState.Closing c -> throw closedDuringLogin();
            case AuthorizationState.Closed c -> throw closedDuringLogin();
        };
    }

    private LoginStep complete() throws LoginException {
        User me;
        try {
            me = call(new AuthRequest.GetMe());
        } catch (TdException e) {
            throw refusedForGood(e);
        }
        td.close(); // the account's client reopens the database
        done = true;
        String name = me.username().map(u -> me.displayName() + " (@" + u + ")")
                .orElse(me.displayName().isEmpty() ? "+" + me.phoneNumber() : me.displayName());
        return new LoginStep.Complete("complete", new NewLogin(Long.toString(me.id()), name,
                database.id().getBytes(StandardCharsets.UTF_8)));
    }

    /** A refused answer: asked again when it may be retyped, otherwise the login ends with why. */
    private LoginStep refused(LoginStep.UserInput input, TdException e) throws LoginException {
        if (e.floodWaitSeconds().isPresent()) {
            throw refusedForGood(e);
        }
        String again = switch (e.tdMessage()) {
            case "PHONE_NUMBER_INVALID" -> "Telegram does not accept this phone number; enter it with the country"
                    + " code (e.g. +33 6 12 34 56 78). ";
            case "PHONE_CODE_INVALID" -> "The code was wrong; enter the code Telegram sent again. ";
            case "PASSWORD_HASH_INVALID" -> "The password was wrong; try again. ";
            case "ACCESS_TOKEN_INVALID" -> "Telegram does not accept this bot token; copy it again from @BotFather. ";
            default -> null;
        };
        if (again == null) {
            throw refusedForGood(e);
        }
        return withNotice(input, again);
    }

    private LoginException refusedForGood(TdException e) {
        var wait = e.floodWaitSeconds();
        if (wait.isPresent()) {
            return fail("PASSERELLE.TELEGRAM.FLOOD_WAIT", "Telegram asks to wait "
                    + WaitTime.describe(wait.getAsLong(), Instant.now()) + " before another login attempt"
                    + " (FLOOD_WAIT). Try again after that.");
        }
        return switch (e.tdMessage()) {
            case "PHONE_CODE_EXPIRED" -> fail("PASSERELLE.TELEGRAM.CODE_EXPIRED",
                    "The code has expired; start the login again for a new one.");
            case "PHONE_NUMBER_BANNED" -> fail("PASSERELLE.TELEGRAM.BANNED",
                    "Telegram has banned this phone number; see https://telegram.org/faq#q-my-account-was-banned.");
            default -> fail("PASSERELLE.TELEGRAM.REFUSED", "Telegram refused the login: " + e.tdMessage()
                    + ". Start the login again; if it keeps failing, log in with another flow.");
        };
    }

    private LoginException closedDuringLogin() {
        return fail("PASSERELLE.TELEGRAM.CLOSED", "The Telegram session closed during the login; start it again.");
    }

    /** Ends the login: what it made is removed before the user reads why. */
    private LoginException fail(String code, String message) {
        cancel();
        return new LoginException(code, message);
    }

    private <R extends TdObject> R call(TdRequest<R> request) throws TdException {
        return td.call(request);
    }

    private LoginStep.UserInput ask(String id, String notice, String instructions, InputField.Kind kind,
                                    String name, String description) {
        base = instructions;
        return new LoginStep.UserInput(id, notice + instructions,
                List.of(new InputField(id, kind, name, description, Optional.empty())));
    }

    /** The same question again, after {@code notice} (why it is asked again). */
    private LoginStep.UserInput withNotice(LoginStep.UserInput input, String notice) {
        return new LoginStep.UserInput(input.stepId(), notice + base, input.fields());
    }
}

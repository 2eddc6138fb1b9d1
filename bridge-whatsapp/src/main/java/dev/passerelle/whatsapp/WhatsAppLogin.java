package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.whatsapp.sidecar.SidecarEvent;
import dev.passerelle.whatsapp.sidecar.SidecarException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Linking the bridge as a WhatsApp device, by QR code (flow {@code qr}: the rotating codes are shown, each replacing
 * the last) or by pairing code (flow {@code phone}: phone number in, the 8-character code to type on the phone out).
 * Runs in a session of its own ({@code login-<uuid>}); once WhatsApp accepts the device, the session's keys move to
 * the login id and the client takes over. Gives up after {@code login_timeout_seconds}.
 */
final class WhatsAppLogin implements LoginProcess, SessionRouter.Owner {

    static final String QR = "qr";
    static final String PHONE = "phone";
    private static final Duration FIRST_CODE_WAIT = Duration.ofSeconds(30);

    private final String flow;
    private final WhatsAppServices services;
    private final String session = "login-" + UUID.randomUUID();
    private final SidecarCalls calls;
    private final LinkedBlockingQueue<SidecarEvent> events = new LinkedBlockingQueue<>();
    private final long deadline;
    private LoginStep current;
    private volatile boolean finished;

    WhatsAppLogin(String flow, WhatsAppServices services) {
        this.flow = flow;
        this.services = services;
        this.calls = new SidecarCalls(services.sidecar(), session, Duration.ZERO, t -> false);
        this.deadline = System.nanoTime() + services.config().qrTimeout().toNanos();
    }

    @Override
    public LoginStep start() throws LoginException {
        services.router().register(session, this);
        if (flow.equals(PHONE)) {
            current = askPhone("Enter the phone number of your WhatsApp account with its country code "
                    + "(e.g. +33612345678).");
            return current;
        }
        openSession();
        current = firstCode();
        return current;
    }

    private static LoginStep askPhone(String instructions) {
        return new LoginStep.UserInput("phone", instructions, List.of(new InputField("phone",
                InputField.Kind.PHONE_NUMBER, "Phone number", "Your WhatsApp number with country code",
                Optional.of("\\+?[0-9 ().-]{7,24}"))));
    }

    @Override
    public LoginStep submit(Map<String, String> fields) throws LoginException {
        if (!(current instanceof LoginStep.UserInput)) {
            throw new LoginException("PASSERELLE.WHATSAPP.BAD_STEP", "This login is not waiting for a phone number.");
        }
        Optional<String> digits = WhatsAppIds.phoneDigits(fields.getOrDefault("phone", ""));
        if (digits.isEmpty()) {
            current = askPhone("That is not a phone number with a country code; enter it like +33612345678.");
            return current;
        }
        openSession();
        firstCode(); // the socket must be up (it shows a QR code first) before a pairing code can be asked for
        try {
            String code = calls.once("session.pair", SidecarCalls.params().put("phone", digits.get()))
                    .path("code").asText();
            String shown = code.length() == 8 ? code.substring(0, 4) + "-" + code.substring(4) : code;
            current = new LoginStep.Display("code", LoginStep.DisplayKind.CODE, shown, "On your phone open WhatsApp → "
                    + "Settings → Linked devices → Link a device → Link with phone number instead, and type this code.");
            return current;
        } catch (SidecarException e) {
            cancel();
            throw new LoginException("PASSERELLE.WHATSAPP.PAIRING_REFUSED", "WhatsApp did not give a pairing code ("
                    + e.getMessage() + "). Check the number, or use `login qr`.", e);
        }
    }

    @Override
    public LoginStep awaitNext(Duration timeout) throws LoginException {
        long until = Math.min(System.nanoTime() + timeout.toNanos(), deadline);
        while (true) {
            SidecarEvent event = next(until);
            if (event == null) {
                if (System.nanoTime() - deadline >= 0) {
                    cancel();
                    throw new LoginException("PASSERELLE.WHATSAPP.LOGIN_TIMEOUT", "The phone did not link within "
                            + services.config().qrTimeout().toSeconds() + " s, so the login was cancelled. Send "
                            + "`login` to try again.");
                }
                return current;
            }
            Optional<LoginStep> step = handle(event);
            if (step.isPresent()) {
                current = step.get();
                return current;
            }
        }
    }

    private SidecarEvent next(long untilNanos) throws LoginException {
        try {
            long left = untilNanos - System.nanoTime();
            return left <= 0 ? events.poll() : events.poll(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("PASSERELLE.WHATSAPP.LOGIN_INTERRUPTED", "The login was interrupted.");
        }
    }

    // A new step for the user, or empty to keep waiting.
    private Optional<LoginStep> handle(SidecarEvent event) throws LoginException {
        JsonNode d = event.data();
        if (event.event().equals("qr")) {
            return flow.equals(QR) ? Optional.of(qrStep(d.path("code").asText())) : Optional.empty();
        }
        if (!event.event().equals("connection")) {
            return Optional.empty();
        }
        switch (d.path("state").asText()) {
            case "open" -> {
                return Optional.of(complete(d.path("me")));
            }
            case "close" -> {
                String reason = d.path("reason").asText();
                if (d.path("retryInMs").asLong(0) < 0) {
                    cancel();
                    throw new LoginException("PASSERELLE.WHATSAPP.LINK_REFUSED", "WhatsApp refused to link the "
                            + "bridge (" + reason + ": " + d.path("message").asText() + "). Send `login` to try again.");
                }
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private LoginStep firstCode() throws LoginException {
        long until = System.nanoTime() + FIRST_CODE_WAIT.toNanos();
        while (true) {
            SidecarEvent event = next(until);
            if (event == null) {
                cancel();
                throw new LoginException("PASSERELLE.WHATSAPP.UNREACHABLE", "WhatsApp did not answer within "
                        + FIRST_CODE_WAIT.toSeconds() + " s. Check the bridge's internet connection and try again.");
            }
            JsonNode d = event.data();
            if (event.event().equals("qr")) {
                return qrStep(d.path("code").asText());
            }
            if (event.event().equals("connection") && d.path("state").asText().equals("close")) {
                cancel();
                throw new LoginException("PASSERELLE.WHATSAPP.UNREACHABLE", "Could not reach WhatsApp ("
                        + d.path("message").asText("connection closed") + "). Check the bridge's internet "
                        + "connection and try again.");
            }
        }
    }

    private LoginStep qrStep(String code) {
        return new LoginStep.Display(QR, LoginStep.DisplayKind.QR, code, "On your phone open WhatsApp → Settings → "
                + "Linked devices → Link a device, and scan this code. It changes every few seconds.");
    }

    private LoginStep complete(JsonNode me) throws LoginException {
        String jid = me.path("id").asText("");
        if (jid.isEmpty()) {
            cancel();
            throw new LoginException("PASSERELLE.WHATSAPP.NO_ACCOUNT", "WhatsApp linked the bridge but did not say "
                    + "which account it is. Send `login` to try again.");
        }
        String lid = me.path("lid").asText("");
        String loginId = services.identities().resolve(jid, lid.isEmpty() ? Optional.empty() : Optional.of(lid));
        String name = WhatsAppIds.phoneOf(loginId).orElse(loginId)
                + (me.path("name").asText("").isEmpty() ? "" : " (" + me.path("name").asText() + ")");
        finished = true;
        services.router().unregister(session, this);
        try {
            calls.once("session.close", SidecarCalls.params());
        } catch (SidecarException e) {
            // Its keys are moved below either way; a socket left open would be replaced by the client's.
        }
        services.authState().move(session, loginId);
        return new LoginStep.Complete("complete", new NewLogin(loginId, name, new byte[0]));
    }

    private void openSession() throws LoginException {
        try {
            calls.once("session.open", SidecarCalls.params());
        } catch (SidecarException e) {
            cancel();
            throw new LoginException("PASSERELLE.WHATSAPP.SIDECAR", "The WhatsApp sidecar could not start the login ("
                    + e.getMessage() + "). Try again in a moment; if it stays, the bridge log says why.", e);
        }
    }

    @Override
    public void onEvent(SidecarEvent event) {
        events.add(event);
    }

    @Override
    public void reopen() {
        if (!finished) {
            try {
                calls.once("session.open", SidecarCalls.params());
            } catch (SidecarException e) {
                events.add(new SidecarEvent("connection", Optional.of(session), SidecarCalls.params()
                        .put("state", "close").put("reason", "sidecar").put("message", e.getMessage())
                        .put("retryInMs", -1)));
            }
        }
    }

    @Override
    public void cancel() {
        if (finished) {
            return;
        }
        finished = true;
        services.router().unregister(session, this);
        try {
            calls.once("session.close", SidecarCalls.params());
        } catch (SidecarException e) {
            // Nothing to close.
        }
        services.authState().forget(session);
    }
}

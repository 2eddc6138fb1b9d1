package dev.passerelle.core.command;

import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginFlow;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkConnector;
import dev.passerelle.core.spi.NetworkDescription;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.core.spi.RemoteEventSink;
import dev.passerelle.core.spi.StoredLogin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny network for the command tests (the real test network lives in its own module): a QR flow whose next steps
 * the test pushes with {@link #advance}, and a phone-then-code flow that accepts the code {@code 12345}.
 */
final class ScriptedConnector implements NetworkConnector {
    static final String BOT = "@test_bot:example.org";
    static final String PHONE = "+33612345678";

    final BlockingQueue<LoginStep> qrScript = new LinkedBlockingQueue<>();
    final AtomicInteger cancelled = new AtomicInteger();

    @Override
    public String id() {
        return "testnet";
    }

    @Override
    public NetworkDescription description() {
        return new NetworkDescription("Testnet", "test_bot", "Testnet bridge bot", Optional.empty(), "test_ghost_",
                "test_alias_", "https://testnet.example");
    }

    @Override
    public NetworkCapabilities capabilities() {
        throw new AssertionError("the command tests never ask for capabilities");
    }

    @Override
    public void start(ConnectorContext context) {
    }

    @Override
    public List<LoginFlow> loginFlows() {
        return List.of(new LoginFlow("qr", "QR code", "Scan a QR code with the Testnet app."),
                new LoginFlow("phone", "Phone number", "Enter your phone number and the code you receive."));
    }

    @Override
    public LoginProcess startLogin(String flowId, String userId) throws LoginException {
        return switch (flowId) {
            case "qr" -> new QrLogin();
            case "phone" -> new PhoneLogin();
            default -> throw new LoginException("TEST.UNKNOWN_FLOW", "no flow " + flowId);
        };
    }

    @Override
    public NetworkClient loadClient(StoredLogin login, RemoteEventSink sink) {
        throw new AssertionError("the command tests never load clients");
    }

    /** Shows {@code qr-1}, then whatever the test pushes into {@link #qrScript}. */
    private final class QrLogin implements LoginProcess {
        private LoginStep current = new LoginStep.Display("qr", LoginStep.DisplayKind.QR, "qr-1",
                "Scan this QR code with the Testnet app.");

        @Override
        public LoginStep start() {
            return current;
        }

        @Override
        public LoginStep submit(Map<String, String> fields) throws LoginException {
            throw new LoginException("TEST.NO_INPUT", "the QR flow asks nothing");
        }

        @Override
        public LoginStep awaitNext(Duration timeout) {
            try {
                LoginStep next = qrScript.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (next != null) {
                    current = next;
                }
                return current;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return current;
            }
        }

        @Override
        public void cancel() {
            cancelled.incrementAndGet();
        }
    }

    private final class PhoneLogin implements LoginProcess {
        @Override
        public LoginStep start() {
            return new LoginStep.UserInput("phone", "Log in with your phone number.", List.of(new InputField("phone",
                    InputField.Kind.PHONE_NUMBER, "Phone number", "in international format, e.g. +33612345678",
                    Optional.of("\\+[0-9]{6,15}"))));
        }

        @Override
        public LoginStep submit(Map<String, String> fields) throws LoginException {
            if (fields.containsKey("phone")) {
                return new LoginStep.UserInput("code", "Testnet sent you a code.", List.of(new InputField("code",
                        InputField.Kind.CODE, "Code", "the 5 digits Testnet sent", Optional.empty())));
            }
            if (fields.getOrDefault("code", "").equals("12345")) {
                return new LoginStep.Complete("done", new NewLogin("4242", PHONE,
                        "session".getBytes(StandardCharsets.UTF_8)));
            }
            throw new LoginException("TEST.WRONG_CODE", "The code is wrong; log in again to get a new one.");
        }

        @Override
        public LoginStep awaitNext(Duration timeout) throws LoginException {
            throw new LoginException("TEST.NOTHING_TO_AWAIT", "the phone flow shows nothing");
        }

        @Override
        public void cancel() {
            cancelled.incrementAndGet();
        }
    }
}

package dev.passerelle.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QrLoginTest {

    private final TestNetworkConnector connector = new TestNetworkConnector();

    @BeforeEach
    void setUp() throws Exception {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", "+33600000001"));
        TestNetwork.addAccount(TestAccount.of("bob", "Bob", "+33600000002").withPassword("hunter2"));
        connector.start(new ConnectorContext(new ObjectMapper().readTree("{\"qr_rotate_seconds\": 0.2}"),
                Path.of("target"), new byte[32], new SimpleMeterRegistry()));
    }

    @Test
    void theCodeRotatesUntilScannedThenTheLoginCompletes() throws Exception {
        try (LoginProcess process = connector.startLogin("qr", "@alice:example.org")) {
            LoginStep.Display first = assertInstanceOf(LoginStep.Display.class, process.start());
            assertEquals(LoginStep.DisplayKind.QR, first.kind());
            assertTrue(first.data().startsWith("testnet://login/"), first.data());

            LoginStep.Display second = assertInstanceOf(LoginStep.Display.class, process.awaitNext(Duration.ofSeconds(5)));
            assertNotEquals(first.data(), second.data(), "a new code after qr_rotate_seconds");
            assertThrows(IllegalStateException.class, () -> TestNetwork.scanQr(first.data(), "alice"),
                    "the rotated-away code no longer logs in");

            TestNetwork.scanQr(second.data(), "alice");
            LoginStep.Complete done = assertInstanceOf(LoginStep.Complete.class, process.awaitNext(Duration.ofSeconds(5)));
            assertEquals("alice", done.login().loginId());
            assertEquals("Alice", done.login().remoteName());
            assertTrue(new String(done.login().secret(), StandardCharsets.UTF_8).matches("[0-9a-f]{32}"),
                    "the secret is an opaque session token");
        }
    }

    @Test
    void aWaitingCallerWakesUpWhenTheCodeIsScanned() throws Exception {
        slowRotation();
        try (LoginProcess process = connector.startLogin("qr", "@alice:example.org")) {
            LoginStep.Display shown = (LoginStep.Display) process.start();
            long started = System.nanoTime();
            CompletableFuture<LoginStep> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return process.awaitNext(Duration.ofSeconds(30));
                } catch (LoginException e) {
                    throw new IllegalStateException(e);
                }
            });
            TestNetwork.scanQr(shown.data(), "alice");
            assertInstanceOf(LoginStep.Complete.class, next.get());
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "woken by the scan");
        }
    }

    @Test
    void anAccountWithAPasswordIsAskedForItAndAWrongOneIsAskedAgain() throws Exception {
        try (LoginProcess process = connector.startLogin("qr", "@bob:example.org")) {
            LoginStep.Display shown = (LoginStep.Display) process.start();
            TestNetwork.scanQr(shown.data(), "bob");
            LoginStep.UserInput ask = assertInstanceOf(LoginStep.UserInput.class, process.awaitNext(Duration.ofSeconds(5)));
            assertEquals("password", ask.stepId());
            assertEquals(InputField.Kind.PASSWORD, ask.fields().getFirst().kind());

            LoginStep.UserInput again = assertInstanceOf(LoginStep.UserInput.class,
                    process.submit(Map.of("password", "wrong")));
            assertEquals("password", again.stepId());
            assertTrue(again.instructions().contains("wrong"), again.instructions());

            LoginStep.Complete done = assertInstanceOf(LoginStep.Complete.class,
                    process.submit(Map.of("password", "hunter2")));
            assertEquals("bob", done.login().loginId());
        }
    }

    @Test
    void awaitNextReturnsTheSameStepWhenItsTimeoutPassesFirst() throws Exception {
        slowRotation();
        try (LoginProcess process = connector.startLogin("qr", "@alice:example.org")) {
            LoginStep shown = process.start();
            assertSame(shown, process.awaitNext(Duration.ofMillis(50)));
        }
    }

    @Test
    void cancelReleasesTheCodeAndEndsTheProcess() throws Exception {
        LoginProcess process = connector.startLogin("qr", "@alice:example.org");
        LoginStep.Display shown = (LoginStep.Display) process.start();
        process.cancel();
        process.cancel(); // idempotent

        assertThrows(IllegalStateException.class, () -> TestNetwork.scanQr(shown.data(), "alice"));
        LoginException e = assertThrows(LoginException.class, () -> process.awaitNext(Duration.ofMillis(10)));
        assertEquals("PASSERELLE.TESTNET.LOGIN_CANCELLED", e.code());
    }

    @Test
    void cancelWakesACallerWaitingForTheScan() throws Exception {
        slowRotation();
        LoginProcess process = connector.startLogin("qr", "@alice:example.org");
        process.start();
        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                process.awaitNext(Duration.ofSeconds(30));
                return "returned";
            } catch (LoginException e) {
                return e.code();
            }
        });
        // The engine's login timeout closes the process; the waiter must not sit out its 30 s.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        process.close();
        assertEquals("PASSERELLE.TESTNET.LOGIN_CANCELLED", waiter.get());
        assertTrue(System.nanoTime() < deadline, "woken by the cancel, not by the timeout");
    }

    private void slowRotation() throws Exception {
        connector.start(new ConnectorContext(new ObjectMapper().readTree("{\"qr_rotate_seconds\": 60}"),
                Path.of("target"), new byte[32], new SimpleMeterRegistry()));
    }
}

package dev.passerelle.core.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.command.CommandTarget;
import dev.passerelle.core.command.LoginSummary;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The login processes of the API against a phone-then-code network, apart from HTTP. */
class ProvisioningLoginsTest {

    private static final String ALICE = "@alice:example.org";
    private static final String BOB = "@bob:example.org";

    private final PhoneNetwork network = new PhoneNetwork();
    private final List<String> added = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock();
    private final ProvisioningLogins logins = new ProvisioningLogins(new Target(), clock, Duration.ofMinutes(5),
            Duration.ofMillis(50));

    @Test
    void phoneThenCodeCompletesAndStoresTheLogin() throws Exception {
        var started = logins.start(ALICE, network, "phone");
        assertEquals("phone", started.step().stepId());
        LoginStep code = logins.submit(ALICE, started.processId(), "phone", "user_input", Map.of("phone", "+3361"));
        assertEquals("code", code.stepId());
        LoginStep done = logins.submit(ALICE, started.processId(), "code", "user_input", Map.of("code", "12345"));
        assertInstanceOf(LoginStep.Complete.class, done);
        assertEquals(List.of("testnet/" + ALICE + "/acct-+3361"), added);
        assertTrue(logins.inProgress(ALICE).isEmpty(), "a completed process is gone");
    }

    @Test
    void aValueNotMatchingThePatternIsRefusedAndTheStepStays() throws Exception {
        var started = logins.start(ALICE, network, "phone");
        var e = assertThrows(ProvisioningException.class, () -> logins.submit(ALICE, started.processId(), "phone",
                "user_input", Map.of("phone", "not a number")));
        assertEquals("M_INVALID_PARAM", e.errcode());
        assertEquals(0, network.submits.get(), "the connector never saw the invalid value");
        var missing = assertThrows(ProvisioningException.class, () -> logins.submit(ALICE, started.processId(),
                "phone", "user_input", Map.of()));
        assertEquals("M_BAD_JSON", missing.errcode());
        logins.submit(ALICE, started.processId(), "phone", "user_input", Map.of("phone", "+3361"));
    }

    @Test
    void anotherUsersProcessDoesNotExistForThem() throws Exception {
        var started = logins.start(ALICE, network, "phone");
        var e = assertThrows(ProvisioningException.class, () -> logins.submit(BOB, started.processId(), "phone",
                "user_input", Map.of("phone", "+3361")));
        assertEquals(404, e.status());
        assertThrows(ProvisioningException.class, () -> logins.cancel(BOB, started.processId()));
        assertEquals(List.of(started.processId()), logins.inProgress(ALICE), "Bob could not cancel it");
    }

    @Test
    void oneLoginPerUserAndNetworkAtATime() throws Exception {
        var first = logins.start(ALICE, network, "phone");
        var e = assertThrows(ProvisioningException.class, () -> logins.start(ALICE, network, "phone"));
        assertEquals(409, e.status());
        assertEquals(Optional.of(first.processId()), e.processId());
        logins.start(BOB, network, "phone");
        logins.cancel(ALICE, first.processId());
        assertEquals(1, network.cancelled.get());
        logins.start(ALICE, network, "phone");
    }

    @Test
    void theWrongStepOrTypeIsBadState() throws Exception {
        var started = logins.start(ALICE, network, "phone");
        var wrongStep = assertThrows(ProvisioningException.class, () -> logins.submit(ALICE, started.processId(),
                "code", "user_input", Map.of("code", "12345")));
        assertEquals("M_BAD_STATE", wrongStep.errcode());
        var wrongType = assertThrows(ProvisioningException.class, () -> logins.await(ALICE, started.processId(),
                "phone"));
        assertEquals("M_BAD_STATE", wrongType.errcode());
    }

    @Test
    void aRefusalEndsTheProcessWithTheConnectorsCode() throws Exception {
        var started = logins.start(ALICE, network, "phone");
        var e = assertThrows(ProvisioningException.class, () -> logins.submit(ALICE, started.processId(), "phone",
                "user_input", Map.of("phone", "+0000")));
        assertEquals("TEST.BANNED", e.errcode());
        assertEquals(400, e.status());
        assertTrue(logins.inProgress(ALICE).isEmpty());
    }

    @Test
    void anUnknownFlowIsNotFound() {
        var e = assertThrows(ProvisioningException.class, () -> logins.start(ALICE, network, "carrier-pigeon"));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("phone"), e.getMessage());
    }

    @Test
    void idleProcessesAreCancelledAfterTheIdleTime() throws Exception {
        var started = logins.start(ALICE, network, "phone");
        clock.advance(Duration.ofMinutes(4));
        logins.expire();
        assertEquals(List.of(started.processId()), logins.inProgress(ALICE));
        logins.submit(ALICE, started.processId(), "phone", "user_input", Map.of("phone", "+3361"));
        clock.advance(Duration.ofMinutes(4));
        logins.expire();
        assertEquals(1, logins.inProgress(ALICE).size(), "the answer counted as activity");
        clock.advance(Duration.ofMinutes(2));
        logins.expire();
        assertTrue(logins.inProgress(ALICE).isEmpty());
        assertEquals(1, network.cancelled.get());
        var e = assertThrows(ProvisioningException.class, () -> logins.submit(ALICE, started.processId(), "code",
                "user_input", Map.of("code", "12345")));
        assertEquals(404, e.status());
    }

    private final class Target implements CommandTarget {
        @Override
        public List<NetworkConnector> networks() {
            return List.of(network);
        }

        @Override
        public List<LoginSummary> logins(String n, String userId) {
            return List.of();
        }

        @Override
        public void addLogin(String n, String userId, NewLogin login) {
            added.add(n + "/" + userId + "/" + login.loginId());
        }

        @Override
        public void logout(String n, String loginId) {
        }

        @Override
        public Optional<String> portalNetwork(String roomId) {
            return Optional.empty();
        }

        @Override
        public String version() {
            return "test";
        }
    }

    /** One flow: a phone number (refused for good when it is +0000), then the code 12345. */
    private static final class PhoneNetwork implements NetworkConnector {
        final AtomicInteger submits = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();

        @Override
        public String id() {
            return "testnet";
        }

        @Override
        public NetworkDescription description() {
            return new NetworkDescription("Testnet", "test_bot", "Bot", Optional.empty(), "t_", "t_", "https://t");
        }

        @Override
        public NetworkCapabilities capabilities() {
            throw new AssertionError("not asked");
        }

        @Override
        public void start(ConnectorContext context) {
        }

        @Override
        public List<LoginFlow> loginFlows() {
            return List.of(new LoginFlow("phone", "Phone", "Phone and code"));
        }

        @Override
        public LoginProcess startLogin(String flowId, String userId) {
            return new LoginProcess() {
                private String phone = "";

                @Override
                public LoginStep start() {
                    return new LoginStep.UserInput("phone", "Your phone", List.of(new InputField("phone",
                            InputField.Kind.PHONE_NUMBER, "Phone number", "+ and digits", Optional.of("\\+[0-9]+"))));
                }

                @Override
                public LoginStep submit(Map<String, String> fields) throws LoginException {
                    submits.incrementAndGet();
                    if (fields.containsKey("phone")) {
                        phone = fields.get("phone");
                        if (phone.equals("+0000")) {
                            throw new LoginException("TEST.BANNED", "This number is banned");
                        }
                        return new LoginStep.UserInput("code", "The code", List.of(new InputField("code",
                                InputField.Kind.CODE, "Code", "", Optional.empty())));
                    }
                    return new LoginStep.Complete("complete", new NewLogin("acct-" + phone, phone, new byte[0]));
                }

                @Override
                public LoginStep awaitNext(Duration timeout) {
                    throw new AssertionError("no display in this flow");
                }

                @Override
                public void cancel() {
                    cancelled.incrementAndGet();
                }
            };
        }

        @Override
        public NetworkClient loadClient(StoredLogin login, RemoteEventSink sink) {
            throw new AssertionError("not loaded here");
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

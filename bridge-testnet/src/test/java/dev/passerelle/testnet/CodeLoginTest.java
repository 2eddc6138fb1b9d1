package dev.passerelle.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginProcess;
import dev.passerelle.core.spi.LoginStep;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CodeLoginTest {

    private final TestNetworkConnector connector = new TestNetworkConnector();

    @BeforeEach
    void setUp() {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", "+33600000001"));
        TestNetwork.addAccount(TestAccount.of("carol", "Carol", "+33600000003").withPassword("s3cret"));
    }

    @Test
    void aWrongCodeIsAskedAgainThenTheRightOneCompletes() throws Exception {
        try (LoginProcess process = connector.startLogin("code", "@alice:example.org")) {
            LoginStep.UserInput phone = assertInstanceOf(LoginStep.UserInput.class, process.start());
            assertEquals(InputField.Kind.PHONE_NUMBER, phone.fields().getFirst().kind());

            LoginStep.UserInput code = assertInstanceOf(LoginStep.UserInput.class,
                    process.submit(Map.of("phone", "+33600000001")));
            assertEquals("code", code.stepId());
            assertEquals(InputField.Kind.CODE, code.fields().getFirst().kind());
            String sent = TestNetwork.lastCodeFor("+33600000001").orElseThrow();
            String wrong = sent.equals("00000") ? "11111" : "00000";

            LoginStep.UserInput again = assertInstanceOf(LoginStep.UserInput.class,
                    process.submit(Map.of("code", wrong)));
            assertEquals("code", again.stepId());
            assertTrue(again.instructions().contains("wrong"), again.instructions());

            LoginStep.Complete done = assertInstanceOf(LoginStep.Complete.class, process.submit(Map.of("code", sent)));
            assertEquals("alice", done.login().loginId());
        }
    }

    @Test
    void anUnknownPhoneEndsTheLoginWithAClearMessage() throws Exception {
        try (LoginProcess process = connector.startLogin("code", "@alice:example.org")) {
            process.start();
            LoginException e = assertThrows(LoginException.class, () -> process.submit(Map.of("phone", "+1555")));
            assertEquals("PASSERELLE.TESTNET.UNKNOWN_PHONE", e.code());
            assertTrue(e.getMessage().contains("+1555"), e.getMessage());
        }
    }

    @Test
    void twoStepVerificationComesAfterTheCode() throws Exception {
        try (LoginProcess process = connector.startLogin("code", "@carol:example.org")) {
            process.start();
            process.submit(Map.of("phone", "+33600000003"));
            String sent = TestNetwork.lastCodeFor("+33600000003").orElseThrow();
            LoginStep.UserInput password = assertInstanceOf(LoginStep.UserInput.class,
                    process.submit(Map.of("code", sent)));
            assertEquals("password", password.stepId());
            assertTrue(password.fields().getFirst().isSecret());

            LoginStep.UserInput again = assertInstanceOf(LoginStep.UserInput.class,
                    process.submit(Map.of("password", "nope")));
            assertTrue(again.instructions().contains("wrong"), again.instructions());
            LoginStep.Complete done = assertInstanceOf(LoginStep.Complete.class,
                    process.submit(Map.of("password", "s3cret")));
            assertEquals("carol", done.login().loginId());
        }
    }

    @Test
    void aQuestionIsReturnedAtOnceByAwaitNextAndRefusedAfterCancel() throws Exception {
        LoginProcess process = connector.startLogin("code", "@alice:example.org");
        LoginStep first = process.start();
        assertEquals(first, process.awaitNext(Duration.ofSeconds(30)), "nothing to wait for on a question");
        process.cancel();
        LoginException e = assertThrows(LoginException.class, () -> process.submit(Map.of("phone", "+33600000001")));
        assertEquals("PASSERELLE.TESTNET.LOGIN_CANCELLED", e.code());
    }

    @Test
    void anUnknownFlowIsRefused() {
        LoginException e = assertThrows(LoginException.class, () -> connector.startLogin("cookies", "@a:example.org"));
        assertEquals("PASSERELLE.TESTNET.UNKNOWN_FLOW", e.code());
    }
}

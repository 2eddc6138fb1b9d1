package dev.passerelle.testnet;

import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginException;
import dev.passerelle.core.spi.LoginStep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code code} flow: phone number, then the code the network "sends" (read it with
 * {@link TestNetwork#lastCodeFor}), then the password when the account has one.
 */
final class CodeLogin extends AccountLogin {

    private static final String PHONE = "phone";
    private static final String CODE = "code";

    private Optional<TestAccount> account = Optional.empty();

    CodeLogin(World world) {
        super(world);
    }

    @Override
    protected LoginStep first() {
        return new LoginStep.UserInput(PHONE, "Enter the phone number of your Test Network account.",
                List.of(new InputField(PHONE, InputField.Kind.PHONE_NUMBER, "Phone number",
                        "In international format, e.g. +33600000001", Optional.of("^\\+[0-9 -]{4,20}$"))));
    }

    @Override
    protected LoginStep answer(Map<String, String> fields) throws LoginException {
        return switch (current.stepId()) {
            case PHONE -> phone(field(fields, PHONE));
            case CODE -> code(field(fields, CODE));
            default -> throw new IllegalStateException("No answer expected at step " + current.stepId());
        };
    }

    private LoginStep phone(String phone) throws LoginException {
        TestAccount found = world.accountByPhone(phone).orElseThrow(() -> new LoginException(
                "PASSERELLE.TESTNET.UNKNOWN_PHONE", "No Test Network account has the phone number " + phone
                + "; check the number, or create the account in the test with TestNetwork.addAccount"));
        account = Optional.of(found);
        world.issueCode(found.phone().orElseThrow());
        return codeStep("Enter the code Test Network sent to " + found.phone().orElseThrow() + ".");
    }

    private LoginStep code(String given) {
        TestAccount found = account.orElseThrow();
        String expected = world.codeFor(found.phone().orElseThrow()).orElseThrow();
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            return codeStep("The code was wrong; enter the code Test Network sent to "
                    + found.phone().orElseThrow() + " again.");
        }
        return identified(found);
    }

    private static LoginStep codeStep(String instructions) {
        return new LoginStep.UserInput(CODE, instructions, List.of(new InputField(CODE, InputField.Kind.CODE,
                "Code", "The 5-digit code", Optional.of("^[0-9]{5}$"))));
    }

    @Override
    protected void release() {
        // Nothing held: the code stays readable by the test, as a real SMS stays on the phone.
    }
}

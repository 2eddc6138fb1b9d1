package dev.passerelle.core.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginStep;
import dev.passerelle.core.spi.NewLogin;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginStepJsonTest {

    @Test
    void aQrDisplayIsDisplayAndWaitWithItsData() {
        var json = LoginStepJson.step("p1", new LoginStep.Display("qr", LoginStep.DisplayKind.QR,
                "testnet://login/abc", "Scan it"));
        assertEquals("""
                {"login_id":"p1","type":"display_and_wait","step_id":"qr","instructions":"Scan it",\
                "display_and_wait":{"type":"qr","data":"testnet://login/abc"}}""", json.toString());
    }

    @Test
    void codesAndTextDisplaysUseTheApiNames() {
        assertEquals("code", LoginStepJson.displayType(LoginStep.DisplayKind.CODE));
        assertEquals("nothing", LoginStepJson.displayType(LoginStep.DisplayKind.TEXT));
    }

    @Test
    void aQuestionListsItsFieldsWithMautrixTypes() {
        var json = LoginStepJson.step("p2", new LoginStep.UserInput("code", "Enter the code", List.of(
                new InputField("code", InputField.Kind.CODE, "Code", "5 digits", Optional.of("^[0-9]{5}$")),
                new InputField("pw", InputField.Kind.PASSWORD, "Password", "", Optional.empty()))));
        assertEquals("user_input", json.path("type").asText());
        var fields = json.path("user_input").path("fields");
        assertEquals("""
                {"type":"2fa_code","id":"code","name":"Code","description":"5 digits","pattern":"^[0-9]{5}$"}""",
                fields.get(0).toString());
        assertEquals("password", fields.get(1).path("type").asText());
        assertFalse(fields.get(1).has("pattern"));
    }

    @Test
    void completionCarriesTheNewLoginId() {
        var json = LoginStepJson.step("p3", new LoginStep.Complete("complete",
                new NewLogin("alice", "Alice", new byte[] {1})));
        assertEquals("complete", json.path("type").asText());
        assertEquals("alice", json.path("complete").path("user_login_id").asText());
        assertFalse(json.toString().contains("secret"), "the session secret never leaves the bridge");
    }

    @Test
    void everyFieldKindHasAType() {
        for (InputField.Kind kind : InputField.Kind.values()) {
            assertFalse(LoginStepJson.fieldType(kind).isBlank());
        }
        assertEquals("phone_number", LoginStepJson.fieldType(InputField.Kind.PHONE_NUMBER));
    }
}

package dev.passerelle.core.provisioning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.InputField;
import dev.passerelle.core.spi.LoginFlow;
import dev.passerelle.core.spi.LoginStep;
import java.util.List;

/**
 * Login steps and flows in the JSON of the mautrix bridges' v3 provisioning API, so that their clients can drive
 * Passerelle: {@code {"login_id", "type", "step_id", "instructions", "<type>": {...}}}. Pure.
 */
final class LoginStepJson {

    static final String USER_INPUT = "user_input";
    static final String COOKIES = "cookies";
    static final String DISPLAY_AND_WAIT = "display_and_wait";
    static final String COMPLETE = "complete";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LoginStepJson() {
    }

    /** The API's name for the type of {@code step}: {@code user_input}, {@code display_and_wait} or {@code complete}. */
    static String type(LoginStep step) {
        return switch (step) {
            case LoginStep.UserInput u -> USER_INPUT;
            case LoginStep.Display d -> DISPLAY_AND_WAIT;
            case LoginStep.Complete c -> COMPLETE;
        };
    }

    /**
     * A step as the answer of {@code login/start} and {@code login/step}.
     *
     * @param processId the login process the client names in its next call
     */
    static ObjectNode step(String processId, LoginStep step) {
        ObjectNode out = JSON.objectNode().put("login_id", processId).put("type", type(step))
                .put("step_id", step.stepId());
        switch (step) {
            case LoginStep.UserInput u -> {
                out.put("instructions", u.instructions());
                ArrayNode fields = out.putObject(USER_INPUT).putArray("fields");
                u.fields().forEach(f -> fields.add(field(f)));
            }
            case LoginStep.Display d -> {
                out.put("instructions", d.instructions());
                out.putObject(DISPLAY_AND_WAIT).put("type", displayType(d.kind())).put("data", d.data());
            }
            case LoginStep.Complete c -> {
                out.put("instructions", "Logged in as " + c.login().remoteName() + ".");
                out.putObject(COMPLETE).put("user_login_id", c.login().loginId());
            }
        }
        return out;
    }

    static ObjectNode field(InputField field) {
        ObjectNode out = JSON.objectNode().put("type", fieldType(field.kind())).put("id", field.id())
                .put("name", field.name()).put("description", field.description());
        field.pattern().ifPresent(p -> out.put("pattern", p));
        return out;
    }

    /** mautrix's field types where one exists ({@code 2fa_code} for codes), else the kind in lower case. */
    static String fieldType(InputField.Kind kind) {
        return switch (kind) {
            case PHONE_NUMBER -> "phone_number";
            case USERNAME -> "username";
            case CODE -> "2fa_code";
            case PASSWORD -> "password";
            case TOKEN -> "token";
            case COOKIES -> "cookies";
            case URL -> "url";
            case TEXT -> "text";
        };
    }

    static String displayType(LoginStep.DisplayKind kind) {
        return switch (kind) {
            case QR -> "qr";
            case CODE -> "code";
            case TEXT -> "nothing";
        };
    }

    static ObjectNode flow(LoginFlow flow) {
        return JSON.objectNode().put("id", flow.id()).put("name", flow.name()).put("description", flow.description());
    }

    static ArrayNode flows(List<LoginFlow> flows) {
        ArrayNode out = JSON.arrayNode();
        flows.forEach(f -> out.add(flow(f)));
        return out;
    }
}

package dev.passerelle.core.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.config.BridgeSettings;
import dev.passerelle.core.config.PermissionLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisioningAuthTest {

    private static final String SECRET = "provisioning-secret-0123456789abcdef";
    private final ProvisioningAuth auth = new ProvisioningAuth(SECRET, new BridgeSettings("!p", Map.of(
            "*", PermissionLevel.RELAY, "example.org", PermissionLevel.USER, "@eve:example.org", PermissionLevel.BLOCK),
            "key"));

    @Test
    void theSharedSecretAndAUserIdLetTheCallerThroughWithTheirLevel() {
        var allowed = assertInstanceOf(ProvisioningAuth.Outcome.Allowed.class,
                auth.check("Bearer " + SECRET, "@alice:example.org"));
        assertEquals(new Caller("@alice:example.org", PermissionLevel.USER), allowed.caller());
        var other = assertInstanceOf(ProvisioningAuth.Outcome.Allowed.class,
                auth.check("bearer " + SECRET, "@bob:elsewhere.org"));
        assertEquals(PermissionLevel.RELAY, other.caller().level());
    }

    @Test
    void aMissingSecretIsM_MISSING_TOKEN() {
        for (String header : new String[] {null, "", "Bearer ", "Basic abc"}) {
            var refused = assertInstanceOf(ProvisioningAuth.Outcome.Refused.class,
                    auth.check(header, "@alice:example.org"), String.valueOf(header));
            assertEquals(401, refused.status());
            assertEquals("M_MISSING_TOKEN", refused.errcode());
        }
    }

    @Test
    void aWrongSecretIsM_UNKNOWN_TOKENAndIsNotEchoed() {
        var refused = assertInstanceOf(ProvisioningAuth.Outcome.Refused.class,
                auth.check("Bearer " + SECRET + "x", "@alice:example.org"));
        assertEquals(401, refused.status());
        assertEquals("M_UNKNOWN_TOKEN", refused.errcode());
        assertFalse(refused.message().contains(SECRET));
    }

    @Test
    void theUserIdIsRequiredAndMustBeAMatrixId() {
        var missing = assertInstanceOf(ProvisioningAuth.Outcome.Refused.class, auth.check("Bearer " + SECRET, null));
        assertEquals(400, missing.status());
        assertEquals("M_MISSING_PARAM", missing.errcode());
        var bad = assertInstanceOf(ProvisioningAuth.Outcome.Refused.class,
                auth.check("Bearer " + SECRET, "alice"));
        assertEquals("M_INVALID_PARAM", bad.errcode());
    }

    @Test
    void theLevelCheckSaysWhatIsNeeded() {
        Caller relay = new Caller("@bob:elsewhere.org", PermissionLevel.RELAY);
        assertTrue(ProvisioningAuth.refusal(relay, PermissionLevel.RELAY).isEmpty());
        String why = ProvisioningAuth.refusal(relay, PermissionLevel.USER).orElseThrow();
        assertTrue(why.contains("relay") && why.contains("needs user"), why);
        Caller blocked = new Caller("@eve:example.org", PermissionLevel.BLOCK);
        assertTrue(ProvisioningAuth.refusal(blocked, PermissionLevel.RELAY).isPresent());
    }
}

package dev.passerelle.messenger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSignatureIsHmacSha256OfTheRawBodyInHex() {
        // Computed independently: printf '%s' "$BODY" | openssl dgst -sha256 -hmac app-secret
        assertEquals("sha256=e6e9d7a842a48e17f43a34d6125d0d933e2aab92ee37f0993a4d493b50e3d438",
                WebhookSignature.sign("app-secret", BODY));
        String signature = WebhookSignature.sign("app-secret", BODY);
        assertTrue(WebhookSignature.matches(Optional.of(signature), BODY, List.of("app-secret")));
        assertTrue(WebhookSignature.matches(Optional.of(signature.toUpperCase().replace("SHA256=", "sha256=")), BODY,
                List.of("app-secret")));
    }

    @Test
    void anyConfiguredAppSecretMayHaveSignedIt() {
        String signature = WebhookSignature.sign("second-app", BODY);
        assertTrue(WebhookSignature.matches(Optional.of(signature), BODY, List.of("first-app", "second-app")));
    }

    @Test
    void missingMalformedOrWrongSignaturesAreRefused() {
        String good = WebhookSignature.sign("app-secret", BODY);
        List<String> secrets = List.of("app-secret");
        assertFalse(WebhookSignature.matches(Optional.empty(), BODY, secrets));
        assertFalse(WebhookSignature.matches(Optional.of(good.substring("sha256=".length())), BODY, secrets));
        assertFalse(WebhookSignature.matches(Optional.of("sha1=" + good.substring(7)), BODY, secrets));
        assertFalse(WebhookSignature.matches(Optional.of("sha256=zz"), BODY, secrets));
        assertFalse(WebhookSignature.matches(Optional.of(good), BODY, List.of("another-secret")));
        assertFalse(WebhookSignature.matches(Optional.of(good), "{}".getBytes(StandardCharsets.UTF_8), secrets));
    }
}

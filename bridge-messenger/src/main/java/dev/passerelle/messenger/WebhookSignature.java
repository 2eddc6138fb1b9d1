package dev.passerelle.messenger;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the
 * app secret>}. Compared in constant time; every configured app secret is tried (Pages may belong to different apps).
 */
final class WebhookSignature {

    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    static boolean matches(Optional<String> header, byte[] body, Collection<String> appSecrets) {
        if (header.isEmpty() || !header.get().toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.get().substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean match = false;
        for (String secret : appSecrets) {
            // No early exit: the time taken does not tell which secret matched.
            match |= MessageDigest.isEqual(hmac(secret, body), given);
        }
        return match;
    }

    static String sign(String appSecret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(appSecret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

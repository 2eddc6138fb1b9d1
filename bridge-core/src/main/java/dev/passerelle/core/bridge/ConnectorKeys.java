package dev.passerelle.core.bridge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives each connector's own 32-byte key from {@code bridge.secret_key} with HKDF-SHA256 (RFC 5869, no salt,
 * info {@code passerelle connector <id>}): the same on every start, different per connector, and none of them
 * reveals the bridge's key. Pure; never blocks.
 */
public final class ConnectorKeys {

    private static final int HASH_LENGTH = 32;

    private ConnectorKeys() {
    }

    /**
     * The key of connector {@code connectorId}.
     *
     * @param base64SecretKey {@code bridge.secret_key}
     * @throws IllegalArgumentException when the key is not base64 (the message never repeats it)
     */
    public static byte[] forConnector(String base64SecretKey, String connectorId) {
        byte[] ikm;
        try {
            ikm = Base64.getDecoder().decode(base64SecretKey.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bridge.secret_key is not valid base64; it must be base64 of 32 random"
                    + " bytes (generate one with `openssl rand -base64 32`)");
        }
        return hkdfSha256(new byte[0], ikm, ("passerelle connector " + connectorId).getBytes(StandardCharsets.UTF_8),
                HASH_LENGTH);
    }

    /** HKDF-SHA256 extract-then-expand; an empty salt means {@code HashLen} zero bytes, as the RFC says. */
    static byte[] hkdfSha256(byte[] salt, byte[] ikm, byte[] info, int length) {
        if (length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 yields at most " + 255 * HASH_LENGTH + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[HASH_LENGTH] : salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] out = new byte[length];
            byte[] block = new byte[0];
            int written = 0;
            for (int counter = 1; written < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int n = Math.min(block.length, length - written);
                System.arraycopy(block, 0, out, written, n);
                written += n;
            }
            Arrays.fill(prk, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }
}

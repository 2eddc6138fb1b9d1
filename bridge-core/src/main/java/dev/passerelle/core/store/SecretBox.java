package dev.passerelle.core.store;

import dev.passerelle.core.config.BridgeSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets (session keys, cookies, tokens) for storage with AES-256-GCM under {@code bridge.secret_key}.
 *
 * <p>Sealed form, base64 encoded: a version byte (1), a 4-byte key fingerprint, a fresh random 12-byte nonce, then
 * the ciphertext with its 16-byte tag. The caller names what the secret is bound to ({@code boundTo}, e.g. the row it
 * lives in); that name is authenticated as associated data, so a sealed value copied to another row does not open.
 * The fingerprint only serves to tell "another key" apart from "changed data" in error messages.
 *
 * <p>Thread-safe; does not block beyond CPU work.
 */
public final class SecretBox {

    private static final byte VERSION = 1;
    private static final int FINGERPRINT_LENGTH = 4;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_LENGTH = 1 + FINGERPRINT_LENGTH + NONCE_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final byte[] fingerprint;

    private SecretBox(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.fingerprint = fingerprint(keyBytes);
    }

    /**
     * @param base64Key base64 of exactly 32 random bytes
     * @throws IllegalArgumentException when the key is not base64 or not 32 bytes long; the message says how to make
     *                                  one and never repeats the key
     */
    public static SecretBox fromBase64Key(String base64Key) {
        String fix = " Generate one with `openssl rand -base64 32` and put it in bridge.secret_key; keep it, or "
                + "stored login sessions cannot be read again.";
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("bridge.secret_key is empty; it must be base64 of 32 random bytes." + fix);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bridge.secret_key is not valid base64; it must be base64 of 32 random "
                    + "bytes." + fix);
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("bridge.secret_key decodes to " + bytes.length + " bytes; AES-256 "
                    + "needs exactly 32." + fix);
        }
        return new SecretBox(bytes);
    }

    /** The box for the configured {@code bridge.secret_key}. */
    public static SecretBox fromSettings(BridgeSettings settings) {
        return fromBase64Key(settings.secretKey());
    }

    /** Encrypts {@code plaintext} bound to {@code boundTo}; each call uses a fresh nonce, so results differ. */
    public String seal(byte[] plaintext, String boundTo) {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] header = ByteBuffer.allocate(HEADER_LENGTH).put(VERSION).put(fingerprint).put(nonce).array();
            cipher.updateAAD(associatedData(header, boundTo));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(HEADER_LENGTH + ciphertext.length).put(header).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java runtime", e);
        }
    }

    /**
     * Decrypts what {@link #seal} produced for the same {@code boundTo}.
     *
     * @param what names the secret in the error, e.g. {@code login secret for telegram/12345}
     * @throws SecretUnreadableException when the key differs, the data was changed, or it was sealed for another row
     */
    public byte[] open(String sealed, String boundTo, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw unreadable(what, "the stored value is not base64, so the data was changed");
        }
        if (bytes.length < HEADER_LENGTH + TAG_BITS / 8) {
            throw unreadable(what, "the stored value is too short to be a sealed secret, so the data was changed");
        }
        if (bytes[0] != VERSION) {
            throw unreadable(what, "it is in format version " + bytes[0] + ", which this bridge version does not know");
        }
        byte[] header = Arrays.copyOfRange(bytes, 0, HEADER_LENGTH);
        byte[] storedFingerprint = Arrays.copyOfRange(bytes, 1, 1 + FINGERPRINT_LENGTH);
        if (!MessageDigest.isEqual(storedFingerprint, fingerprint)) {
            throw unreadable(what, "it was stored with a different bridge.secret_key. Put back the key it was stored "
                    + "with, or log in again");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, bytes, 1 + FINGERPRINT_LENGTH, NONCE_LENGTH));
            cipher.updateAAD(associatedData(header, boundTo));
            return cipher.doFinal(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH);
        } catch (AEADBadTagException e) {
            throw unreadable(what, "the bridge.secret_key differs from the one it was stored with, or the data was "
                    + "changed or copied from another row. Log in again to store a fresh session");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java runtime", e);
        }
    }

    private static SecretUnreadableException unreadable(String what, String reason) {
        return new SecretUnreadableException(what + " could not be decrypted: " + reason + ".");
    }

    // The header is authenticated too, so that neither the version nor the fingerprint can be swapped unnoticed.
    private static byte[] associatedData(byte[] header, String boundTo) {
        byte[] bound = boundTo.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + bound.length).put(header).put(bound).array();
    }

    private static byte[] fingerprint(byte[] keyBytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("passerelle secret key fingerprint\0".getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(sha.digest(keyBytes), FINGERPRINT_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM]"; // never the key
    }
}

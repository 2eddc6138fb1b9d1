package dev.passerelle.core.config;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh random tokens and keys for a new config. Thread-safe. */
public final class SecretGenerator {

    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Length of generated appservice tokens (6 bits each: 384 bits). */
    public static final int TOKEN_LENGTH = 64;

    private final SecureRandom random;

    public SecretGenerator(SecureRandom random) {
        this.random = random;
    }

    public SecretGenerator() {
        this(new SecureRandom());
    }

    /** A 64-character token from the URL-safe alphabet {@code A-Z a-z 0-9 - _}. */
    public String token() {
        var token = new StringBuilder(TOKEN_LENGTH);
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            token.append(URL_SAFE.charAt(random.nextInt(URL_SAFE.length())));
        }
        return token.toString();
    }

    /** Standard base64 of 32 random bytes, as {@code bridge.secret_key} expects. */
    public String secretKey() {
        var key = new byte[ConfigValidator.SECRET_KEY_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}

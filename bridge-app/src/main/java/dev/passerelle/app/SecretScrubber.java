package dev.passerelle.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in log text with {@code ***}: anything shaped like an access token, a bearer header, a password
 * in a URI, and the exact tokens and key of the running config. Defence in depth: code should not log secrets in
 * the first place. Thread-safe; the registered secrets can be replaced at any time.
 */
public final class SecretScrubber {

    private static final String MASK = "***";
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("(?i)(access_token=)[^&\\s\"'<>]+"),
            Pattern.compile("(?i)(Authorization:?\\s*\"?\\s*Bearer\\s+)[^\\s\"',]+"),
            Pattern.compile("(?i)(Bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("(?i)(\"?(?:as_token|hs_token|secret_key|access_token|password)\"?\\s*[:=]\\s*\"?)"
                    + "[^\\s\"'&,}]+"),
            Pattern.compile("(://[^:/@\\s]+:)[^@/\\s]+(?=@)"));

    private static volatile List<String> knownSecrets = List.of();

    private SecretScrubber() {
    }

    /** The secrets of the running config (tokens, key); they are masked wherever they appear. */
    public static void register(List<String> secrets) {
        var nonEmpty = new ArrayList<String>();
        for (var secret : secrets) {
            // Very short values would mask ordinary words; the validator refuses such secrets anyway.
            if (secret.length() >= 8) {
                nonEmpty.add(secret);
            }
        }
        knownSecrets = List.copyOf(nonEmpty);
    }

    /** {@code text} with every secret replaced by {@code ***}. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        var result = text;
        for (var secret : knownSecrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        for (var shape : SHAPES) {
            result = shape.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
        }
        return result;
    }
}

package dev.passerelle.app.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds secrets in log text: the exact values of the config's tokens and key, and anything shaped like a token in
 * a URL or header ({@code access_token=...}, {@code Bearer ...}) that is not already masked as {@code ***}.
 * Findings are masked, so that a failing test does not print the secret it found.
 */
final class SecretScan {

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("access_token=(?!\\*\\*\\*)[^&\\s\"'<>]+"),
            Pattern.compile("Bearer\\s+(?!\\*\\*\\*)[A-Za-z0-9._~+/=-]{8,}"));

    private final Map<String, String> secrets = new LinkedHashMap<>();

    /** Looks for these values, each reported by its name (e.g. {@code as_token}). */
    SecretScan secret(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    /** The offending lines of {@code text}, masked, each prefixed with {@code source:line}. */
    List<String> findings(String source, String text) {
        List<String> found = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String masked = lines.get(i);
            boolean leaked = false;
            for (Map.Entry<String, String> s : secrets.entrySet()) {
                if (masked.contains(s.getValue())) {
                    masked = masked.replace(s.getValue(), "<" + s.getKey() + ">");
                    leaked = true;
                }
            }
            for (Pattern shape : SHAPES) {
                var m = shape.matcher(masked);
                if (m.find()) {
                    masked = m.replaceAll("<token-shaped " + "value>");
                    leaked = true;
                }
            }
            if (leaked) {
                found.add(source + ":" + (i + 1) + ": " + masked);
            }
        }
        return found;
    }
}

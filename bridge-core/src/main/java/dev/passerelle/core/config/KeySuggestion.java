package dev.passerelle.core.config;

import java.util.List;

/** Finds the known key closest to a mistyped one, so that an error can say "did you mean ...". */
final class KeySuggestion {

    private static final List<String> KNOWN = ConfigSchema.knownPaths(ConfigSchema.root(), "");

    private KeySuggestion() {
    }

    /** {@code "; did you mean 'appservice.as_token'?"}, or a pointer to the example config when nothing is close. */
    static String hint(String unknownPath) {
        var nearest = nearest(unknownPath);
        return nearest.isEmpty()
                ? "; see the commented example written by 'passerelle generate-config' for the known keys"
                : "; did you mean '" + nearest + "'?";
    }

    /** The known key path nearest to {@code unknownPath}, or empty when none is reasonably close. */
    static String nearest(String unknownPath) {
        var leaf = leaf(unknownPath);
        var parent = parent(unknownPath);
        String best = "";
        int bestScore = Integer.MAX_VALUE;
        for (var candidate : KNOWN) {
            // The leaf names count most; a key in another section costs one more edit, so a misplaced key is found.
            int score = distance(leaf, leaf(candidate)) + (parent(candidate).equals(parent) ? 0 : 1);
            if (score < bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return bestScore <= Math.max(2, leaf.length() / 2) ? best : "";
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        var previous = new int[b.length() + 1];
        var current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

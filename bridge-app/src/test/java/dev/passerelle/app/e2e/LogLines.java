package dev.passerelle.app.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Judges the bridge's log output the way an operator reads it: is the problem said clearly, once, and without
 * stack traces. Lines have the bundled pattern: {@code timestamp LEVEL [thread] logger - message}.
 */
final class LogLines {

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$]+\\(.*\\)$");

    private LogLines() {
    }

    /** The lines containing every one of {@code parts}. */
    static List<String> containing(String log, String... parts) {
        List<String> found = new ArrayList<>();
        for (String line : log.lines().toList()) {
            boolean all = true;
            for (String part : parts) {
                all &= line.contains(part);
            }
            if (all) {
                found.add(line);
            }
        }
        return found;
    }

    /** Stack-trace frames ({@code \tat some.Class.method(File.java:1)}). */
    static List<String> stackFrames(String log) {
        return log.lines().filter(l -> STACK_FRAME.matcher(l).matches()).toList();
    }

    /** WARN and ERROR messages (timestamp and thread left out) written more than once, with their counts. */
    static Map<String, Integer> repeatedWarnings(String log) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : log.lines().toList()) {
            if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                int dash = line.indexOf(" - ");
                counts.merge(dash < 0 ? line : line.substring(dash + 3), 1, Integer::sum);
            }
        }
        counts.values().removeIf(n -> n < 2);
        return counts;
    }
}

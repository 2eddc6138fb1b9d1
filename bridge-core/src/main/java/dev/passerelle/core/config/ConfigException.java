package dev.passerelle.core.config;

import java.util.List;

/**
 * A configuration that cannot be used. The message is a headline followed by every problem found, one per line,
 * so that a person can fix them all in one go.
 */
public final class ConfigException extends RuntimeException {

    private final transient List<ConfigProblem> problems;

    /** A failure with a list of problems (for example, everything {@link ConfigValidator} found). */
    public ConfigException(String headline, List<ConfigProblem> problems) {
        super(render(headline, problems));
        this.problems = List.copyOf(problems);
    }

    /** A failure that is not about particular keys (file missing, YAML syntax). */
    public ConfigException(String message) {
        this(message, List.of());
    }

    /** Every problem found; empty when the failure is about the file as a whole. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String headline, List<ConfigProblem> problems) {
        var text = new StringBuilder(headline);
        for (var problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem.render());
        }
        return text.toString();
    }
}

package dev.passerelle.core.config;

/**
 * One thing wrong with a configuration, in words a person can act on.
 *
 * @param key      the dotted YAML path of the offending key, e.g. {@code appservice.as_token}
 * @param badValue the value found, already masked when it is a secret; empty when the key is missing
 * @param fix      what was expected and what to do about it
 */
public record ConfigProblem(String key, String badValue, String fix) {

    /** A problem with a missing or empty key. */
    public static ConfigProblem missing(String key, String fix) {
        return new ConfigProblem(key, "", fix);
    }

    /** One line, e.g. {@code appservice.port = "70000": must be between 1 and 65535}. */
    public String render() {
        return badValue.isEmpty() ? key + ": " + fix : key + " = \"" + badValue + "\": " + fix;
    }
}

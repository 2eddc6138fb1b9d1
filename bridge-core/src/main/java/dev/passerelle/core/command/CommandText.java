package dev.passerelle.core.command;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A message read as a command: its first word and the words after it.
 *
 * @param word      the first word, as typed
 * @param arguments the following words, split on white space
 */
public record CommandText(String word, List<String> arguments) {

    public CommandText {
        arguments = List.copyOf(arguments);
    }

    /**
     * Reads {@code body} as a command. With {@code prefixRequired} (a room other than the management room) only a
     * body starting with {@code prefix} followed by white space is a command; in the management room the prefix is
     * optional. Empty when the body is not a command.
     */
    public static Optional<CommandText> parse(String body, String prefix, boolean prefixRequired) {
        String text = body.strip();
        if (!prefix.isEmpty() && text.startsWith(prefix)
                && (text.length() == prefix.length() || Character.isWhitespace(text.charAt(prefix.length())))) {
            text = text.substring(prefix.length()).strip();
        } else if (prefixRequired) {
            return Optional.empty();
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] words = text.split("\\s+");
        return Optional.of(new CommandText(words[0], Arrays.asList(words).subList(1, words.length)));
    }

    /** The first argument; empty when there is none. */
    public Optional<String> firstArgument() {
        return arguments.isEmpty() ? Optional.empty() : Optional.of(arguments.getFirst());
    }
}

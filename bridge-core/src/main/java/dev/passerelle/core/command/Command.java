package dev.passerelle.core.command;

import dev.passerelle.core.config.PermissionLevel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The bot commands, named as in the mautrix bridges, each with the least {@link PermissionLevel} that may use it.
 * {@link CommandRunner} checks the level, in one place, before running any of them.
 */
public enum Command {
    HELP("help", "", "Show the commands you may use.", PermissionLevel.RELAY),
    LOGIN("login", "[flow]", "Log in to the network; without a flow, the first one offered.", PermissionLevel.USER),
    CANCEL("cancel", "", "Stop the login in progress.", PermissionLevel.RELAY),
    LOGOUT("logout", "[login id]", "Log out and forget a login (the only one when you have one).",
            PermissionLevel.USER),
    LIST_LOGINS("list-logins", "", "List your logins and their state.", PermissionLevel.USER),
    START_CHAT("start-chat", "[login id] <phone or username>", "Start a direct chat with someone on the network.",
            PermissionLevel.USER),
    SET_RELAY("set-relay", "", "In a portal: your login relays the messages of Matrix users without one.",
            PermissionLevel.USER),
    UNSET_RELAY("unset-relay", "", "In a portal: stop relaying (your relay, or any as an admin).",
            PermissionLevel.USER),
    DELETE_PORTAL("delete-portal", "", "In a portal: remove everyone and stop bridging it (admins, or its only user).",
            PermissionLevel.USER),
    SYNC("sync", "", "Refresh the name, picture and members of all your chats.", PermissionLevel.USER),
    PING("ping", "", "Check whether your logins are connected.", PermissionLevel.RELAY),
    VERSION("version", "", "Show the bridge's version.", PermissionLevel.RELAY);

    private final String word;
    private final String arguments;
    private final String summary;
    private final PermissionLevel level;

    Command(String word, String arguments, String summary, PermissionLevel level) {
        this.word = word;
        this.arguments = arguments;
        this.summary = summary;
        this.level = level;
    }

    /** The word the user types, e.g. {@code list-logins}. */
    public String word() {
        return word;
    }

    /** How to call it, e.g. {@code logout [login id]}. */
    public String usage() {
        return arguments.isEmpty() ? word : word + " " + arguments;
    }

    public String summary() {
        return summary;
    }

    /** The least level that may run it. */
    public PermissionLevel level() {
        return level;
    }

    /** The command typed as {@code word} (case-insensitive); empty when there is none. */
    public static Optional<Command> byWord(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.word.equals(w)).findFirst();
    }
}

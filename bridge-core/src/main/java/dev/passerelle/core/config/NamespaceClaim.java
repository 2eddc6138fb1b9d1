package dev.passerelle.core.config;

/**
 * One entry of a registration's namespace list: a regex over user ids or room aliases, and whether the bridge
 * claims it alone. Each enabled connector contributes its own, e.g. {@code @telegram_.*:example\.org}.
 *
 * @param regex     a regex matched against whole user ids or aliases; dots of the server name escaped
 * @param exclusive whether no other user or appservice may take names in the namespace
 */
public record NamespaceClaim(String regex, boolean exclusive) {

    /** An exclusive claim on every user id whose localpart starts with {@code localpartPrefix} on {@code domain}. */
    public static NamespaceClaim usersWithPrefix(String localpartPrefix, String domain) {
        return new NamespaceClaim("@" + escapeLiteral(localpartPrefix) + ".*:" + escapeDomain(domain), true);
    }

    /** An exclusive claim on every alias whose localpart starts with {@code localpartPrefix} on {@code domain}. */
    public static NamespaceClaim aliasesWithPrefix(String localpartPrefix, String domain) {
        return new NamespaceClaim("#" + escapeLiteral(localpartPrefix) + ".*:" + escapeDomain(domain), true);
    }

    /** An exclusive claim on exactly one user id. */
    public static NamespaceClaim user(String localpart, String domain) {
        return new NamespaceClaim("@" + escapeLiteral(localpart) + ":" + escapeDomain(domain), true);
    }

    /** The server name with regex metacharacters (its dots, mostly) escaped. */
    public static String escapeDomain(String domain) {
        return escapeLiteral(domain);
    }

    /** Backslash-escapes regex metacharacters; readable in YAML, unlike {@code \Q...\E}, and POSIX-compatible. */
    static String escapeLiteral(String text) {
        return text.replaceAll("([.\\[\\]()*+?^$|{}\\\\])", "\\\\$1");
    }
}

package dev.passerelle.core.config;

import java.util.regex.Pattern;

/** Syntax checks for Matrix server names, user ids and listen addresses (Matrix spec, appendices "Identifier grammar"). */
public final class MatrixNames {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f:.]{2,45}");
    private static final Pattern LOCALPART = Pattern.compile("[a-z0-9._=\\-/+]+");

    private MatrixNames() {
    }

    /** {@code example.org}, {@code example.org:8448}, {@code 1.2.3.4}, {@code [::1]:8448}. */
    public static boolean isServerName(String name) {
        var host = name;
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            var port = name.substring(colon + 1);
            if (!isPort(port)) {
                return false;
            }
            host = name.substring(0, colon);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return IPV6.matcher(host.substring(1, host.length() - 1)).matches() && host.contains(":");
        }
        return host.length() <= 255 && (IPV4.matcher(host).matches() || DNS_NAME.matcher(host).matches());
    }

    /** {@code @alice:example.org}: a user localpart (historical characters allowed) and a server name. */
    public static boolean isUserId(String id) {
        if (!id.startsWith("@") || id.length() > 255) {
            return false;
        }
        int colon = id.indexOf(':');
        if (colon < 2) {
            return false;
        }
        var localpart = id.substring(1, colon);
        // Historical user ids may hold any printable ASCII but ':'; the server name is strict.
        return localpart.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':') && isServerName(id.substring(colon + 1));
    }

    /** A localpart the bridge may register for itself: lower-case letters, digits and {@code ._=-/+}. */
    public static boolean isLocalpart(String localpart) {
        return LOCALPART.matcher(localpart).matches();
    }

    /** A host name, IPv4 or IPv6 address a listener can bind to ({@code 0.0.0.0} and {@code ::} included). */
    public static boolean isListenHost(String host) {
        if (host.contains(":")) {
            return IPV6.matcher(host).matches();
        }
        return IPV4.matcher(host).matches() || DNS_NAME.matcher(host).matches();
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }
}

package dev.passerelle.testkit.homeserver;

/**
 * Which requests a fault applies to: a method (or {@code *}) and a piece of the decoded path.
 *
 * @param method   HTTP method, or {@code *} for any
 * @param pathPart text the decoded path must contain; empty matches every path
 */
public record RequestMatcher(String method, String pathPart) {

    /** Every request. */
    public static RequestMatcher any() {
        return new RequestMatcher("*", "");
    }

    /** Requests with this method whose decoded path contains {@code pathPart}. */
    public static RequestMatcher of(String method, String pathPart) {
        return new RequestMatcher(method, pathPart);
    }

    boolean matches(String m, String decodedPath) {
        return ("*".equals(method) || method.equalsIgnoreCase(m)) && decodedPath.contains(pathPart);
    }
}

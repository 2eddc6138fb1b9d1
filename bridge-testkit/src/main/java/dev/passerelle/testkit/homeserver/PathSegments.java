package dev.passerelle.testkit.homeserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a raw request path into percent-decoded segments ({@code %2F} inside an id stays inside its segment). */
final class PathSegments {
    private PathSegments() {
    }

    static List<String> split(String rawPath) {
        String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        List<String> out = new ArrayList<>();
        for (String s : trimmed.split("/", -1)) {
            out.add(decodeSegment(s));
        }
        return out;
    }

    static String decode(String rawPath) {
        return "/" + String.join("/", split(rawPath));
    }

    private static String decodeSegment(String s) {
        // '+' is a literal in paths, unlike in form-encoded queries.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

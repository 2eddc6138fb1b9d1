package dev.passerelle.core.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Link rules of the Matrix HTML subset: allowed schemes, and user pills as matrix.to or {@code matrix:} URIs. */
final class MatrixLinks {

    /** The schemes the spec allows on {@code <a href>}; clients strip any other. */
    static final Set<String> LINK_SCHEMES = Set.of("https", "http", "ftp", "mailto", "magnet", "matrix");

    private static final String MATRIX_TO = "https://matrix.to/#/";
    private static final String MATRIX_TO_HTTP = "http://matrix.to/#/";
    private static final String MATRIX_USER = "matrix:u/";

    private MatrixLinks() {}

    static boolean hasAllowedScheme(String url) {
        int colon = url.indexOf(':');
        return colon > 0 && LINK_SCHEMES.contains(url.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    /** The pill link for a user, as Element writes it: {@code https://matrix.to/#/@alice:example.org}. */
    static String pillUrl(String userId) {
        var out = new StringBuilder(MATRIX_TO);
        for (byte b : userId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            // The characters of ordinary user ids stay readable; anything that would end the fragment is escaped.
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "@:._=-/+~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** The user a link points at, when it is a user pill (matrix.to or {@code matrix:u/}); else empty. */
    static Optional<String> userIdOf(String href) {
        String id;
        if (href.startsWith(MATRIX_TO) || href.startsWith(MATRIX_TO_HTTP)) {
            id = percentDecode(cut(href.substring(href.indexOf("#/") + 2), "?"));
        } else if (href.regionMatches(true, 0, MATRIX_USER, 0, MATRIX_USER.length())) {
            id = "@" + percentDecode(cut(cut(href.substring(MATRIX_USER.length()), "?"), "#"));
        } else {
            return Optional.empty();
        }
        boolean looksLikeUser = id.startsWith("@") && id.indexOf(':') >= 2 && id.indexOf('/') < 0;
        return looksLikeUser ? Optional.of(id) : Optional.empty();
    }

    private static String cut(String s, String at) {
        int i = s.indexOf(at);
        return i < 0 ? s : s.substring(0, i);
    }

    // Not URLDecoder: in a URI fragment '+' is a plus sign, not a space.
    private static String percentDecode(String s) {
        var bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}

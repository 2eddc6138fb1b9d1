package dev.passerelle.core.bridge;

import dev.passerelle.core.spi.GhostUserIds;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Maps a network's remote user ids to ghost Matrix ids and back, reversibly and within the localpart grammar
 * ({@code a-z 0-9 . _ = - /}). Escaping as the mautrix bridges do: {@code a-z 0-9 . - /} stay, {@code _} becomes
 * {@code __}, an upper-case letter {@code _} + its lower case, every other UTF-8 byte {@code =xx} (lower-case hex).
 * Pure and thread-safe.
 *
 * @param ghostPrefix the network's ghost localpart prefix, e.g. {@code telegram_}
 * @param domain      the homeserver's server name
 */
public record GhostIds(String ghostPrefix, String domain) implements GhostUserIds {

    /** {@code @<prefix><escaped id>:<domain>}. */
    public String mxid(String remoteUserId) {
        return "@" + ghostPrefix + escape(remoteUserId) + ":" + domain;
    }

    @Override
    public Optional<String> userId(String remoteUserId) {
        return Optional.of(mxid(remoteUserId));
    }

    /** The remote user id of a ghost; empty when {@code mxid} is not a ghost of this network (or not canonical). */
    @Override
    public Optional<String> remoteUserId(String mxid) {
        String head = "@" + ghostPrefix;
        String tail = ":" + domain;
        if (!mxid.startsWith(head) || !mxid.endsWith(tail) || mxid.length() <= head.length() + tail.length()) {
            return Optional.empty();
        }
        return unescape(mxid.substring(head.length(), mxid.length() - tail.length()));
    }

    /** The escaped form of {@code id}; never empty for a non-empty id. */
    public static String escape(String id) {
        StringBuilder out = new StringBuilder(id.length() + 8);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '/') {
                out.append(c);
            } else if (c == '_') {
                out.append("__");
            } else if (c >= 'A' && c <= 'Z') {
                out.append('_').append((char) (c + ('a' - 'A')));
            } else {
                out.append('=').append(HexFormat.of().toHexDigits(b));
            }
        }
        return out.toString();
    }

    /** Reverses {@link #escape}; empty when {@code escaped} is not something {@link #escape} produces. */
    public static Optional<String> unescape(String escaped) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '_') {
                if (i + 1 >= escaped.length()) {
                    return Optional.empty();
                }
                char next = escaped.charAt(++i);
                if (next == '_') {
                    bytes.write('_');
                } else if (next >= 'a' && next <= 'z') {
                    bytes.write(next - ('a' - 'A'));
                } else {
                    return Optional.empty();
                }
            } else if (c == '=') {
                if (i + 2 >= escaped.length()) {
                    return Optional.empty();
                }
                String hex = escaped.substring(i + 1, i + 3);
                if (!hex.matches("[0-9a-f]{2}")) {
                    return Optional.empty();
                }
                bytes.write(HexFormat.fromHexDigits(hex));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        String id = bytes.toString(StandardCharsets.UTF_8);
        // Only the canonical spelling maps back, so that two Matrix ids never name one remote user.
        return escape(id).equals(escaped) ? Optional.of(id) : Optional.empty();
    }
}

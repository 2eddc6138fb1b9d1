package dev.passerelle.core.bridge;

import dev.passerelle.core.store.PortalKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Matrix transaction ids derived from remote ids: the same remote event always gets the same txn id, so the
 * homeserver answers a repeated send with the first event instead of a second one. Pure.
 */
final class TxnIds {

    private TxnIds() {
    }

    /**
     * @param kind what is sent ({@code msg}, {@code edit}, {@code react}, {@code redact}...), so that two actions on
     *             one message do not collide
     * @param ids  the remote ids that make the action unique (message id, part id, sender, emoji...)
     */
    static String of(String kind, PortalKey portal, String... ids) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, kind);
            update(sha, portal.network());
            update(sha, portal.chatId());
            update(sha, portal.receiver());
            for (String id : ids) {
                update(sha, id);
            }
            return "psr-" + kind + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    // Length-prefixed, so that ("ab","c") and ("a","bc") differ.
    private static void update(MessageDigest sha, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) (b.length >>> 24));
        sha.update((byte) (b.length >>> 16));
        sha.update((byte) (b.length >>> 8));
        sha.update((byte) b.length);
        sha.update(b);
    }
}

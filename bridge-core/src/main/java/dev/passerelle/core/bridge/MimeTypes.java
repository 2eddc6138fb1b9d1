package dev.passerelle.core.bridge;

/** Recognises the common picture formats by their first bytes, for avatars that come without a type. Pure. */
final class MimeTypes {

    private MimeTypes() {
    }

    /** {@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp}, else octet-stream. */
    static String sniffImage(byte[] b) {
        if (startsWith(b, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(b, 0xff, 0xd8, 0xff)) {
            return "image/jpeg";
        }
        if (startsWith(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (b.length >= 12 && startsWith(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        return "application/octet-stream";
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

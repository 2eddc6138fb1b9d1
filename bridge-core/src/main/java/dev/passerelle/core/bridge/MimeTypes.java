package dev.passerelle.core.bridge;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises a file's type when its sender gave none: by its first bytes for the common formats, else by its
 * name's extension. Pure.
 */
final class MimeTypes {

    static final String UNKNOWN = "application/octet-stream";
    /** How many first bytes {@link #detect} looks at. */
    static final int HEAD = 64;

    /** Extensions the JDK's table lacks or gets wrong for chat media. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"), Map.entry("mp4", "video/mp4"),
            Map.entry("m4a", "audio/mp4"), Map.entry("mov", "video/quicktime"), Map.entry("webm", "video/webm"),
            Map.entry("mkv", "video/x-matroska"), Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
            Map.entry("opus", "audio/ogg"), Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"),
            Map.entry("flac", "audio/flac"), Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("json", "application/json"), Map.entry("txt", "text/plain"), Map.entry("tgs", "application/x-tgsticker"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

    private MimeTypes() {
    }

    /** Whether a type says nothing (absent, blank, or octet-stream), so that detecting one is better. */
    static boolean isUnknown(String mimeType) {
        return mimeType == null || mimeType.isBlank() || mimeType.equalsIgnoreCase(UNKNOWN);
    }

    /** The type of a file from its first bytes ({@link #HEAD} are enough) and its name; octet-stream when unknown. */
    static String detect(byte[] head, String fileName) {
        String byContent = sniff(head);
        if (!byContent.equals(UNKNOWN)) {
            return byContent;
        }
        int dot = fileName.lastIndexOf('.');
        if (dot >= 0 && dot < fileName.length() - 1) {
            String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
            String known = EXTENSIONS.get(ext);
            if (known != null) {
                return known;
            }
            String jdk = URLConnection.getFileNameMap().getContentTypeFor(fileName.toLowerCase(Locale.ROOT));
            if (jdk != null && !jdk.isBlank()) {
                return jdk;
            }
        }
        return UNKNOWN;
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
        if (riff(b, 'W', 'E', 'B', 'P')) {
            return "image/webp";
        }
        return UNKNOWN;
    }

    private static String sniff(byte[] b) {
        String image = sniffImage(b);
        if (!image.equals(UNKNOWN)) {
            return image;
        }
        if (startsWith(b, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        if (startsWith(b, 'O', 'g', 'g', 'S')) {
            return "audio/ogg";
        }
        if (startsWith(b, 'I', 'D', '3') || startsWith(b, 0xff, 0xfb)) {
            return "audio/mpeg";
        }
        if (startsWith(b, 'f', 'L', 'a', 'C')) {
            return "audio/flac";
        }
        if (riff(b, 'W', 'A', 'V', 'E')) {
            return "audio/wav";
        }
        if (startsWith(b, 0x1a, 0x45, 0xdf, 0xa3)) {
            return "video/webm";
        }
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            String brand = new String(b, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            return switch (brand) {
                case "qt  " -> "video/quicktime";
                case "M4A " -> "audio/mp4";
                case "heic", "heix" -> "image/heic";
                default -> "video/mp4";
            };
        }
        return UNKNOWN;
    }

    private static boolean riff(byte[] b, char... kind) {
        return b.length >= 12 && startsWith(b, 'R', 'I', 'F', 'F') && b[8] == kind[0] && b[9] == kind[1]
                && b[10] == kind[2] && b[11] == kind[3];
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

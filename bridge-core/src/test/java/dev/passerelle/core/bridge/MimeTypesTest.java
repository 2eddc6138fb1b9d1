package dev.passerelle.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MimeTypesTest {

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("png by content", bytes("\u0089PNG\r\n\u001a\n"), "x", "image/png"),
                Arguments.of("jpeg by content, wrong name", bytes("\u00ff\u00d8\u00ff\u00e0"), "x.txt", "image/jpeg"),
                Arguments.of("webp", bytes("RIFF\0\0\0\0WEBPVP8 "), "sticker", "image/webp"),
                Arguments.of("pdf", bytes("%PDF-1.7"), "doc", "application/pdf"),
                Arguments.of("ogg voice", bytes("OggS\0\u0002"), "voice", "audio/ogg"),
                Arguments.of("mp3 with ID3", bytes("ID3\u0004"), "song", "audio/mpeg"),
                Arguments.of("mp4", bytes("\0\0\0\u0018ftypmp42"), "clip", "video/mp4"),
                Arguments.of("quicktime", bytes("\0\0\0\u0014ftypqt  "), "clip", "video/quicktime"),
                Arguments.of("webm", bytes("\u001aE\u00df\u00a3"), "clip", "video/webm"),
                Arguments.of("wav", bytes("RIFF\0\0\0\0WAVEfmt "), "a", "audio/wav"),
                Arguments.of("by extension", bytes("plain words"), "notes.TXT", "text/plain"),
                Arguments.of("docx (a zip) by extension", bytes("PK\u0003\u0004"), "cv.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                Arguments.of("unknown", bytes("\u0001\u0002\u0003"), "blob", "application/octet-stream"),
                Arguments.of("empty", new byte[0], "", "application/octet-stream"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void detects(String what, byte[] head, String name, String expected) {
        assertEquals(expected, MimeTypes.detect(head, name));
    }
}

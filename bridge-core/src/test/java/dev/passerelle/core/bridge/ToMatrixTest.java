package dev.passerelle.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageContent.Dimensions;
import dev.passerelle.core.spi.MessageContent.Location;
import dev.passerelle.core.spi.MessageContent.Media;
import dev.passerelle.core.spi.MessageContent.MediaKind;
import dev.passerelle.core.spi.MessageContent.Text;
import dev.passerelle.core.spi.MessageContent.TextKind;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ToMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BYTES = {1, 2, 3, 4, 5};

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("plain text", new Text(FormattedText.plain("hello"), TextKind.NORMAL), "m.room.message",
                        """
                        {"msgtype":"m.text","body":"hello","m.mentions":{}}"""),
                Arguments.of("notice", new Text(FormattedText.plain("beep"), TextKind.NOTICE), "m.room.message",
                        """
                        {"msgtype":"m.notice","body":"beep","m.mentions":{}}"""),
                Arguments.of("emote", new Text(FormattedText.plain("waves"), TextKind.EMOTE), "m.room.message",
                        """
                        {"msgtype":"m.emote","body":"waves","m.mentions":{}}"""),
                Arguments.of("bold and a mention", new Text(FormattedText.of("hi Bob", new Entity(0, 2,
                        EntityType.BOLD), new Entity(3, 3, new EntityType.UserMention("@t_bob:example.org"))),
                        TextKind.NORMAL), "m.room.message", """
                        {"msgtype":"m.text","body":"hi Bob","format":"org.matrix.custom.html",
                         "formatted_body":"<strong>hi</strong> <a href=\\"https://matrix.to/#/@t_bob:example.org\\">Bob</a>",
                         "m.mentions":{"user_ids":["@t_bob:example.org"]}}"""),
                Arguments.of("image", media(MediaKind.IMAGE, "cat.png", "image/png",
                        Optional.of(new Dimensions(640, 480)), Optional.empty(), ""), "m.room.message", """
                        {"msgtype":"m.image","body":"cat.png","filename":"cat.png","url":"mxc://example.org/up1",
                         "info":{"mimetype":"image/png","size":5,"w":640,"h":480}}"""),
                Arguments.of("image with caption", media(MediaKind.IMAGE, "cat.png", "image/png", Optional.empty(),
                        Optional.empty(), "my cat"), "m.room.message", """
                        {"msgtype":"m.image","body":"my cat","m.mentions":{},"filename":"cat.png",
                         "url":"mxc://example.org/up1","info":{"mimetype":"image/png","size":5}}"""),
                Arguments.of("video", media(MediaKind.VIDEO, "v.mp4", "video/mp4",
                        Optional.of(new Dimensions(1280, 720)), Optional.of(3000L), ""), "m.room.message", """
                        {"msgtype":"m.video","body":"v.mp4","filename":"v.mp4","url":"mxc://example.org/up1",
                         "info":{"mimetype":"video/mp4","size":5,"w":1280,"h":720,"duration":3000}}"""),
                Arguments.of("audio", media(MediaKind.AUDIO, "song.mp3", "audio/mpeg", Optional.empty(),
                        Optional.of(180000L), ""), "m.room.message", """
                        {"msgtype":"m.audio","body":"song.mp3","filename":"song.mp3","url":"mxc://example.org/up1",
                         "info":{"mimetype":"audio/mpeg","size":5,"duration":180000}}"""),
                Arguments.of("voice", media(MediaKind.VOICE, "voice.ogg", "audio/ogg", Optional.empty(),
                        Optional.of(4000L), ""), "m.room.message", """
                        {"msgtype":"m.audio","org.matrix.msc3245.voice":{},"body":"voice.ogg","filename":"voice.ogg",
                         "url":"mxc://example.org/up1","info":{"mimetype":"audio/ogg","size":5,"duration":4000},
                         "org.matrix.msc1767.audio":{"duration":4000}}"""),
                Arguments.of("file", media(MediaKind.FILE, "report.pdf", "application/pdf", Optional.empty(),
                        Optional.empty(), ""), "m.room.message", """
                        {"msgtype":"m.file","body":"report.pdf","filename":"report.pdf","url":"mxc://example.org/up1",
                         "info":{"mimetype":"application/pdf","size":5}}"""),
                Arguments.of("sticker", media(MediaKind.STICKER, "s.webp", "image/webp",
                        Optional.of(new Dimensions(256, 256)), Optional.empty(), "😀"), "m.sticker", """
                        {"body":"😀","url":"mxc://example.org/up1",
                         "info":{"mimetype":"image/webp","size":5,"w":256,"h":256}}"""),
                Arguments.of("location", new Location(48.8584, 2.2945, Optional.of("Tour Eiffel")), "m.room.message",
                        """
                        {"msgtype":"m.location","body":"Tour Eiffel (geo:48.8584,2.2945)","geo_uri":"geo:48.8584,2.2945",
                         "m.mentions":{}}"""),
                Arguments.of("unnamed location", new Location(-33.5, 151.0, Optional.empty()), "m.room.message", """
                        {"msgtype":"m.location","body":"Location: geo:-33.5,151","geo_uri":"geo:-33.5,151",
                         "m.mentions":{}}"""));
    }

    private static Media media(MediaKind kind, String name, String mime, Optional<Dimensions> dims,
                               Optional<Long> duration, String caption) {
        return new Media(kind, () -> new ByteArrayInputStream(BYTES), name, mime, 999, dims, duration,
                FormattedText.plain(caption));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void convertsEachKind(String what, MessageContent content, String type, String json) throws Exception {
        MatrixEvent event = new ToMatrix(JSON).convert(content, (bytes, mime, name) -> "mxc://example.org/up1");
        assertEquals(type, event.type());
        // Re-read so that number node types (long vs int) do not matter, only the JSON does.
        assertEquals(JSON.readTree(json), JSON.readTree(JSON.writeValueAsString(event.content())));
    }

    @Test
    void uploadsTheBytesWithTheirTypeAndName() {
        List<String> uploads = new ArrayList<>();
        new ToMatrix(JSON).convert(media(MediaKind.FILE, "a.bin", "application/x-custom", Optional.empty(),
                Optional.empty(), ""), (body, mime, name) -> {
                    uploads.add(body.size() + " " + mime + " " + name);
                    return "mxc://example.org/x";
                });
        assertEquals(List.of("5 application/x-custom a.bin"), uploads);
    }

    @Test
    void detectsTheTypeWhenTheNetworkGaveNone() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
        List<String> uploads = new ArrayList<>();
        MatrixEvent event = new ToMatrix(JSON).convert(new Media(MediaKind.FILE, () -> new ByteArrayInputStream(png),
                "scan", "", -1, Optional.empty(), Optional.empty(), FormattedText.plain("")), (body, mime, name) -> {
                    uploads.add(mime);
                    return "mxc://example.org/x";
                });
        assertEquals(List.of("image/png"), uploads);
        assertEquals("image/png", event.content().path("info").path("mimetype").asText());
        assertEquals(10, event.content().path("info").path("size").asLong(), "the size read, not the one announced");
    }

    @Test
    void aFileAboveTheLimitBecomesANoticeSayingTheLimit() {
        byte[] big = new byte[3000];
        MatrixEvent event = new ToMatrix(JSON).convert(new Media(MediaKind.VIDEO, () -> new ByteArrayInputStream(big),
                        "holiday.mp4", "video/mp4", -1, Optional.empty(), Optional.empty(), FormattedText.plain("")),
                (body, mime, name) -> {
                    throw new AssertionError("nothing is uploaded");
                }, new MediaLimit(2048, "this homeserver"));
        assertEquals("m.room.message", event.type());
        assertEquals("m.notice", event.content().path("msgtype").asText());
        assertEquals("A file was not bridged: holiday.mp4 is too large; this homeserver accepts files up to 2 KB.",
                event.content().path("body").asText());
    }

    @Test
    void aFileAnnouncedAboveTheLimitIsNotEvenRead() {
        MatrixEvent event = new ToMatrix(JSON).convert(new Media(MediaKind.FILE, () -> {
                    throw new AssertionError("not read");
                }, "dump.bin", "application/octet-stream", 60L * 1024 * 1024, Optional.empty(), Optional.empty(),
                        FormattedText.plain("")), (body, mime, name) -> "mxc://example.org/x",
                new MediaLimit(50L * 1024 * 1024, "Test Network"));
        assertEquals("A file was not bridged: dump.bin (60.0 MB) is too large; Test Network accepts files up to 50.0 MB.",
                event.content().path("body").asText());
    }

    @Test
    void textNeedsNoUpload() {
        JsonNode content = new ToMatrix(JSON).convert(new Text(FormattedText.plain("x"), TextKind.NORMAL),
                (b, m, n) -> {
                    throw new AssertionError("no upload for text");
                }).content();
        assertEquals("x", content.path("body").asText());
    }
}

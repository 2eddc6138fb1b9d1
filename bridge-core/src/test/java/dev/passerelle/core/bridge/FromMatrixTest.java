package dev.passerelle.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageContent.Dimensions;
import dev.passerelle.core.spi.MessageContent.MediaKind;
import dev.passerelle.core.spi.MessageContent.TextKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FromMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> opened = new ArrayList<>();
    private final Function<String, MediaSource> downloader = mxc -> () -> {
        opened.add(mxc);
        return new ByteArrayInputStream(mxc.getBytes(StandardCharsets.UTF_8));
    };

    private Optional<MessageContent> convert(String type, String json) throws Exception {
        return FromMatrix.convert(type, JSON.readTree(json), downloader);
    }

    @ParameterizedTest
    @CsvSource({"m.text, NORMAL", "m.notice, NOTICE", "m.emote, EMOTE"})
    void textKinds(String msgtype, TextKind kind) throws Exception {
        var content = convert("m.room.message", "{\"msgtype\":\"" + msgtype + "\",\"body\":\"hi\"}").orElseThrow();
        assertEquals(new MessageContent.Text(FormattedText.plain("hi"), kind), content);
    }

    @Test
    void htmlBecomesEntitiesAndTheReplyFallbackIsDropped() throws Exception {
        var content = convert("m.room.message", """
                {"msgtype":"m.text","body":"> <@a:x> old\\n\\nnew *bold*",
                 "format":"org.matrix.custom.html",
                 "formatted_body":"<mx-reply><blockquote>old</blockquote></mx-reply>new <b>bold</b>",
                 "m.relates_to":{"m.in_reply_to":{"event_id":"$old"}}}""").orElseThrow();
        FormattedText text = ((MessageContent.Text) content).text();
        assertEquals("new bold", text.text());
        assertEquals(EntityType.BOLD, text.entities().getFirst().type());
    }

    @Test
    void imageWithInfoIsFetchedOnlyWhenOpened() throws Exception {
        var media = (MessageContent.Media) convert("m.room.message", """
                {"msgtype":"m.image","body":"cat.png","url":"mxc://example.org/abc",
                 "info":{"mimetype":"image/png","size":1234,"w":640,"h":480}}""").orElseThrow();
        assertEquals(MediaKind.IMAGE, media.kind());
        assertEquals("cat.png", media.fileName());
        assertEquals("image/png", media.mimeType());
        assertEquals(1234, media.size());
        assertEquals(Optional.of(new Dimensions(640, 480)), media.dimensions());
        assertTrue(media.caption().text().isEmpty());
        assertTrue(opened.isEmpty(), "nothing is downloaded before the connector opens it");
        try (var in = media.media().open()) {
            assertEquals("mxc://example.org/abc", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFilenameMakesTheBodyACaption() throws Exception {
        var media = (MessageContent.Media) convert("m.room.message", """
                {"msgtype":"m.file","body":"the report","filename":"report.pdf","url":"mxc://example.org/r",
                 "info":{"mimetype":"application/pdf"}}""").orElseThrow();
        assertEquals("report.pdf", media.fileName());
        assertEquals("the report", media.caption().text());
        assertEquals(-1, media.size(), "an unknown size stays unknown");
    }

    @Test
    void voiceStickerAndLocation() throws Exception {
        var voice = (MessageContent.Media) convert("m.room.message", """
                {"msgtype":"m.audio","body":"voice","url":"mxc://e/v","org.matrix.msc3245.voice":{},
                 "info":{"duration":4200}}""").orElseThrow();
        assertEquals(MediaKind.VOICE, voice.kind());
        assertEquals(Optional.of(4200L), voice.durationMs());
        var sticker = (MessageContent.Media) convert("m.sticker", """
                {"body":"wave","url":"mxc://e/s","info":{"mimetype":"image/webp"}}""").orElseThrow();
        assertEquals(MediaKind.STICKER, sticker.kind());
        assertEquals(new MessageContent.Location(48.8584, 2.2945, Optional.of("Eiffel tower")),
                convert("m.room.message", """
                        {"msgtype":"m.location","body":"Eiffel tower","geo_uri":"geo:48.8584,2.2945;u=35"}""")
                        .orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"msgtype\":\"m.key.verification.request\",\"body\":\"verify\"}",
            "{\"msgtype\":\"m.image\",\"body\":\"encrypted\",\"file\":{\"url\":\"mxc://e/x\"}}",
            "{\"msgtype\":\"m.location\",\"body\":\"somewhere\",\"geo_uri\":\"not a geo uri\"}",
            "{\"body\":\"no msgtype\"}"})
    void whatANetworkCannotCarryIsEmpty(String json) throws Exception {
        JsonNode content = JSON.readTree(json);
        assertEquals(Optional.empty(), FromMatrix.convert("m.room.message", content, downloader));
    }
    @Test
    void pollsUnstableAndStable() throws Exception {
        var expected = new MessageContent.Poll(FormattedText.plain("Lunch?"), List.of(
                new MessageContent.PollOption("a", "Pizza"), new MessageContent.PollOption("b", "Sushi")), 2);
        assertEquals(Optional.of(expected), convert("org.matrix.msc3381.poll.start", """
                {"org.matrix.msc3381.poll.start":{"question":{"org.matrix.msc1767.text":"Lunch?"},
                 "kind":"org.matrix.msc3381.poll.disclosed","max_selections":2,
                 "answers":[{"id":"a","org.matrix.msc1767.text":"Pizza"},{"id":"b","org.matrix.msc1767.text":"Sushi"}]},
                 "org.matrix.msc1767.text":"Lunch?\\n1. Pizza\\n2. Sushi"}"""));
        // Stable MSC3381: the poll in "m.poll", answers named by "m.id", texts as MSC1767 representations.
        assertEquals(Optional.of(expected), convert("m.poll.start", """
                {"m.poll":{"question":{"m.text":[{"body":"Lunch?"}]},"kind":"m.disclosed","max_selections":2,
                 "answers":[{"m.id":"a","m.text":[{"mimetype":"text/html","body":"<b>Pizza</b>"},{"body":"Pizza"}]},
                            {"m.id":"b","m.text":[{"body":"Sushi"}]}]},
                 "m.text":[{"body":"Lunch?"}]}"""));
        // One answer is no poll: nothing to send, the user is told.
        assertEquals(Optional.empty(), convert("org.matrix.msc3381.poll.start", """
                {"org.matrix.msc3381.poll.start":{"question":{"org.matrix.msc1767.text":"Lunch?"},
                 "answers":[{"id":"a","org.matrix.msc1767.text":"Pizza"}]}}"""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"org.matrix.msc3381.poll.response\":{\"answers\":[\"a\",\"b\",\"a\"]}} | a,b",
            "{\"m.selections\":[\"b\"]}                                         | b",
            "{\"m.poll.response\":{\"answers\":[\"a\"]}}                      | a",
            "{\"org.matrix.msc3381.poll.response\":{\"answers\":[]}}            | ''",
            "{\"org.matrix.msc3381.poll.response\":{\"answers\":[1, \"\"]}}   | ''"})
    void voteAnswers(String content, String ids) throws Exception {
        List<String> expected = ids.isEmpty() ? List.of() : List.of(ids.split(","));
        assertEquals(expected, MatrixPolls.answers(JSON.readTree(content)));
    }
}

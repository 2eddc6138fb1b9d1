package dev.passerelle.telegram.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.telegram.td.api.TdCodec;
import dev.passerelle.telegram.td.api.TdFormattedText;
import dev.passerelle.telegram.td.api.TdRequest;
import dev.passerelle.telegram.td.api.TdTypes;
import dev.passerelle.telegram.td.api.TextEntities;
import dev.passerelle.telegram.td.api.TextEntity;
import dev.passerelle.telegram.td.api.TextParseMode;
import dev.passerelle.telegram.td.api.TextRequest;
import dev.passerelle.telegram.tdjson.ShippedTdjson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The connector's formatting code against the real TDLib's parsers ({@code td_execute}, offline): what TDLib makes
 * of HTML, Markdown and plain text is what the connector converts to the bridge's {@link FormattedText}, and the
 * connector's way back gives TDLib's entities again. Texts carry emoji and other characters outside the BMP, which
 * count two UTF-16 code units.
 */
class RealTdlibFormatTest {

    private final TelegramFormat format = new TelegramFormat(new TableMentions(Map.of("bobby", 7L)));

    @Test
    void htmlParsedByTdlibMatchesTheConnectorsConversion() {
        TdFormattedText td = execute(new TextRequest.ParseTextEntities(
                "<b>Bold 😀</b> and <i>it<u>alic</u></i>, <s>gone</s> <tg-spoiler>secret 🤫</tg-spoiler>"
                        + " <code>x=1</code>\n<pre><code class=\"language-java\">int 𝒳 = 1;</code></pre>\n"
                        + "<a href=\"https://example.org/a\">a 🔗 link</a> <blockquote>quoted 🇫🇷</blockquote>"
                        + " <a href=\"tg://user?id=42\">Bob</a>",
                new TextParseMode.Html()), TdFormattedText.class);
        String text = td.text();
        assertEquals("Bold 😀 and italic, gone secret 🤫 x=1\nint 𝒳 = 1;\na 🔗 link quoted 🇫🇷 Bob", text);
        FormattedText expected = new FormattedText(text, List.of(
                at(text, "Bold 😀", EntityType.BOLD),
                at(text, "italic", EntityType.ITALIC),
                at(text, "alic", EntityType.UNDERLINE),
                at(text, "gone", EntityType.STRIKETHROUGH),
                at(text, "secret 🤫", new EntityType.Spoiler(Optional.empty())),
                at(text, "x=1", EntityType.CODE),
                at(text, "int 𝒳 = 1;", new EntityType.Pre(Optional.of("java"))),
                at(text, "a 🔗 link", new EntityType.Link("https://example.org/a")),
                at(text, "quoted 🇫🇷", EntityType.BLOCKQUOTE),
                at(text, "Bob", new EntityType.UserMention("@telegram_42:example.org"))));
        assertEquals(expected, format.toFormattedText(td));
        assertSameEntities(td, format.fromFormattedText(expected));
    }

    @Test
    void markdownParsedByTdlibMatchesTheConnectorsConversion() {
        TdFormattedText td = execute(new TextRequest.ParseTextEntities(
                "*bold 🎉* _italic_ __under__ ~strike~ ||spoil|| `code 𝔘` [link](https://example.org/x)"
                        + " [Bob](tg://user?id=42)\n```python\nprint('🐍')\n```",
                new TextParseMode.Markdown(2)), TdFormattedText.class);
        String text = td.text();
        FormattedText expected = new FormattedText(text, List.of(
                at(text, "bold 🎉", EntityType.BOLD),
                at(text, "italic", EntityType.ITALIC),
                at(text, "under", EntityType.UNDERLINE),
                at(text, "strike", EntityType.STRIKETHROUGH),
                at(text, "spoil", new EntityType.Spoiler(Optional.empty())),
                at(text, "code 𝔘", EntityType.CODE),
                at(text, "link", new EntityType.Link("https://example.org/x")),
                at(text, "Bob", new EntityType.UserMention("@telegram_42:example.org")),
                at(text, "print('🐍')\n", new EntityType.Pre(Optional.of("python")))));
        assertEquals(expected, format.toFormattedText(td));
        assertSameEntities(td, format.fromFormattedText(expected));
    }

    @Test
    void entitiesTdlibFindsInPlainTextBecomeLinksAndPills() {
        String text = "😀 see example.org/😀page or https://x.test/a, write to me@mail.test, ask @bobby #help";
        TextEntities found = execute(new TextRequest.GetTextEntities(text), TextEntities.class);
        FormattedText converted = format.toFormattedText(new TdFormattedText(text, found.entities()));
        FormattedText expected = new FormattedText(text, List.of(
                at(text, "example.org/😀page", new EntityType.Link("http://example.org/😀page")),
                at(text, "https://x.test/a", new EntityType.Link("https://x.test/a")),
                at(text, "me@mail.test", new EntityType.Link("mailto:me@mail.test")),
                at(text, "@bobby", new EntityType.UserMention("@telegram_7:example.org"))));
        assertEquals(expected, converted);
        // the way back leaves out what Telegram finds by itself, and keeps the pill as a mention by id
        assertEquals(List.of(new TextEntity(text.indexOf("@bobby"), 6,
                        new dev.passerelle.telegram.td.api.TextEntityType.MentionName(7))),
                format.fromFormattedText(converted).entities());
    }

    private static Entity at(String text, String covered, EntityType type) {
        int offset = text.indexOf(covered);
        if (offset < 0) {
            throw new IllegalArgumentException("'" + covered + "' is not in '" + text + "'");
        }
        return new Entity(offset, covered.length(), type);
    }

    private static void assertSameEntities(TdFormattedText expected, TdFormattedText actual) {
        assertEquals(expected.text(), actual.text());
        assertEquals(new HashSet<>(expected.entities()), new HashSet<>(actual.entities()),
                "TDLib's entities (first) and the connector's (second)");
        assertEquals(expected.entities().size(), actual.entities().size());
    }

    private static <R> R execute(TdRequest<?> request, Class<R> answer) {
        String json = ShippedTdjson.get().execute(TdCodec.write(request, null));
        var node = TdCodec.parse(json);
        if ("error".equals(node.path("@type").asText())) {
            throw new AssertionError(TdTypes.nameOf(request.getClass()) + " failed: " + json);
        }
        return TdCodec.read(node, answer);
    }
}

package dev.passerelle.core.format;

import static dev.passerelle.core.format.EntityType.BLOCKQUOTE;
import static dev.passerelle.core.format.EntityType.BOLD;
import static dev.passerelle.core.format.EntityType.CODE;
import static dev.passerelle.core.format.EntityType.ITALIC;
import static dev.passerelle.core.format.EntityType.STRIKETHROUGH;
import static dev.passerelle.core.format.FormatRoundTripTest.e;
import static dev.passerelle.core.format.FormatRoundTripTest.link;
import static dev.passerelle.core.format.FormatRoundTripTest.mention;
import static dev.passerelle.core.format.FormatRoundTripTest.pre;
import static dev.passerelle.core.format.FormatRoundTripTest.spoiler;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HTML as Matrix clients send it, and what a network should receive. */
class MatrixHtmlParserTest {

    private static final String ALICE = "https://matrix.to/#/@alice:example.org";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("Element: markdown styles", "<strong>bold</strong> and <em>it</em>",
                        FormattedText.of("bold and it", e(0, 4, BOLD), e(9, 2, ITALIC))),
                Arguments.of("Element: pill", "<a href=\"" + ALICE + "\">Alice</a>: hello",
                        FormattedText.of("Alice: hello", e(0, 5, mention("@alice:example.org")))),
                Arguments.of("Element rich text: &nbsp; around a pill",
                        "Hello&nbsp;<a href=\"" + ALICE + "\">Alice</a>&nbsp;",
                        FormattedText.of("Hello Alice ", e(6, 5, mention("@alice:example.org")))),
                Arguments.of("Element: reply with <mx-reply>", "<mx-reply><blockquote><a href=\"https://matrix.to/#/"
                        + "!room:example.org/$event?via=example.org\">In reply to</a> <a href=\"https://matrix.to/#/"
                        + "@bob:example.org\">@bob:example.org</a><br>original <b>message</b></blockquote></mx-reply>"
                        + "my <b>reply</b>", FormattedText.of("my reply", e(3, 5, BOLD))),
                Arguments.of("Element: code block with language", "<p>look:</p>\n<pre><code class=\"language-python\">"
                        + "def f():\n    return 1 &lt; 2\n</code></pre>\n",
                        FormattedText.of("look:\n\ndef f():\n    return 1 < 2", e(7, 25, pre("python")))),
                Arguments.of("Element: paragraphs", "<p>first</p>\n<p>second</p>\n",
                        FormattedText.plain("first\n\nsecond")),
                Arguments.of("Element: nested list", "<ul>\n<li>one</li>\n<li>two\n<ul>\n<li>nested</li>\n</ul>\n"
                        + "</li>\n</ul>\n<p>after</p>", FormattedText.plain("- one\n- two\n  - nested\n\nafter")),
                Arguments.of("Element: ordered list with start", "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n",
                        FormattedText.plain("3. three\n4. four")),
                Arguments.of("loose list with paragraphs", "<ul><li><p>one</p></li><li><p>two</p></li></ul>",
                        FormattedText.plain("- one\n\n- two")),
                Arguments.of("Element: spoiler", "Plot: <span data-mx-spoiler>he dies</span>",
                        FormattedText.of("Plot: he dies", e(6, 7, spoiler(null)))),
                Arguments.of("spoiler with a reason", "<span data-mx-spoiler=\"ending\">he dies</span>",
                        FormattedText.of("he dies", e(0, 7, spoiler("ending")))),
                Arguments.of("Element: heading becomes bold", "<h1>Title</h1>\n<p>text</p>",
                        FormattedText.of("Title\n\ntext", e(0, 5, BOLD))),
                Arguments.of("Element: quote", "<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>answer</p>\n",
                        FormattedText.of("quoted\n\nanswer", e(0, 6, BLOCKQUOTE))),
                Arguments.of("inline code is unescaped", "use <code>x &lt; y &amp;&amp; z</code>",
                        FormattedText.of("use x < y && z", e(4, 10, CODE))),
                Arguments.of("link", "see <a href=\"https://example.org/?a=1&amp;b=2\">the site</a>",
                        FormattedText.of("see the site", e(4, 8, link("https://example.org/?a=1&b=2")))),
                Arguments.of("room link stays a link", "<a href=\"https://matrix.to/#/#room:example.org\">room</a>",
                        FormattedText.of("room", e(0, 4, link("https://matrix.to/#/#room:example.org")))),
                Arguments.of("matrix: URI mention", "<a href=\"matrix:u/alice:example.org?action=chat\">Alice</a>",
                        FormattedText.of("Alice", e(0, 5, mention("@alice:example.org")))),
                Arguments.of("percent-encoded pill", "<a href=\"https://matrix.to/#/%40alice%3Aexample.org\">A</a>",
                        FormattedText.of("A", e(0, 1, mention("@alice:example.org")))),
                Arguments.of("empty pill shows the user id", "hi <a href=\"" + ALICE + "\"></a>",
                        FormattedText.of("hi @alice:example.org", e(3, 18, mention("@alice:example.org")))),
                Arguments.of("FluffyChat/Nheko: custom emoji as its alt text", "nice <img data-mx-emoticon "
                        + "src=\"mxc://example.org/abc\" alt=\":blob:\" title=\":blob:\" height=\"32\">",
                        FormattedText.plain("nice :blob:")),
                Arguments.of("Nheko: rainbow font colours are dropped, text kept",
                        "<font color=\"#ff0000\">r</font><font color=\"#00ff00\">ai</font><font color=\"#0000ff\">n</font>",
                        FormattedText.plain("rain")),
                Arguments.of("Nheko: reply without spaces between links", "<mx-reply><blockquote><a href=\"https://"
                        + "matrix.to/#/!r:example.org/$e\">In reply to</a><a href=\"" + ALICE + "\">@alice:example.org"
                        + "</a><br>x</blockquote></mx-reply>answer", FormattedText.plain("answer")),
                Arguments.of("br forms", "a<br/>b<br />c<br>", FormattedText.plain("a\nb\nc")),
                Arguments.of("whitespace collapses like a browser", "  lots   of\n\tspace  <b> here </b> ",
                        FormattedText.of("lots of space here", e(14, 4, BOLD))),
                Arguments.of("no leading or trailing blank lines", "<br><br><p>hi</p><br><br>",
                        FormattedText.plain("hi")),
                Arguments.of("&nbsp; keeps spaces", "a&nbsp;&nbsp;b", FormattedText.plain("a  b")),
                Arguments.of("table rows and cells", "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td>"
                        + "</tr></table>", FormattedText.of("a | b\n1 | 2")),
                Arguments.of("horizontal rule", "above<hr>below", FormattedText.plain("above\n---\nbelow")),
                Arguments.of("details and summary", "<details><summary>More</summary>hidden text</details>",
                        FormattedText.plain("More\nhidden text")),
                Arguments.of("pre without code", "<pre>raw  text</pre>", FormattedText.of("raw  text", e(0, 9, pre(null)))),
                Arguments.of("maths keeps its fallback", "<span data-mx-maths=\"x^2\"><code>x^2</code></span>",
                        FormattedText.of("x^2", e(0, 3, CODE))),
                Arguments.of("strike variants merge", "<s>a</s><strike>b</strike><del>c</del>",
                        FormattedText.of("abc", e(0, 3, STRIKETHROUGH))),
                Arguments.of("unclosed tags are closed", "<b>unclosed <i>tags",
                        FormattedText.of("unclosed tags", e(0, 13, BOLD), e(9, 4, ITALIC))),
                Arguments.of("UTF-16: emoji before", "😀 <b>bold</b>", FormattedText.of("😀 bold", e(3, 4, BOLD))),
                Arguments.of("UTF-16: skin-tone emoji inside", "<b>👍🏽</b> ok", FormattedText.of("👍🏽 ok", e(0, 4, BOLD))),
                Arguments.of("UTF-16: BMP CJK counts 1", "漢字<i>テキスト</i>", FormattedText.of("漢字テキスト", e(2, 4, ITALIC))),
                Arguments.of("UTF-16: astral character entity", "&#x1F600;<u>x</u>",
                        FormattedText.of("😀x", e(2, 1, EntityType.UNDERLINE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesHtml(String name, String html, FormattedText expected) {
        assertEquals(expected, MatrixHtmlParser.parseHtml(html));
    }

    @Test
    void withoutHtmlFormatTheBodyIsTakenAsPlainText() {
        assertEquals(FormattedText.plain("<b>not bold</b>"),
                MatrixHtmlParser.parse("<b>not bold</b>", Optional.empty(), Optional.empty(), false));
        assertEquals(FormattedText.plain("*md*"),
                MatrixHtmlParser.parse("*md*", Optional.of("org.example.markdown"), Optional.of("<b>md</b>"), false));
    }

    @Test
    void plainReplyFallbackIsDroppedOnlyFromReplies() {
        String body = "> <@bob:example.org> original\n> second line\n\nmy reply";
        assertEquals(FormattedText.plain("my reply"), MatrixHtmlParser.parse(body, Optional.empty(), Optional.empty(), true));
        assertEquals(FormattedText.plain(body), MatrixHtmlParser.parse(body, Optional.empty(), Optional.empty(), false));
        // A quote not followed by a blank line is the user's own text.
        assertEquals("> quote\nanswer", MatrixHtmlParser.stripReplyFallback("> quote\nanswer"));
    }

    @Test
    void contentIsAReplyWhenItSaysSo() throws Exception {
        var content = new ObjectMapper().readTree("""
                {"msgtype": "m.text", "body": "> <@bob:example.org> hi\\n\\nhello",
                 "m.relates_to": {"m.in_reply_to": {"event_id": "$abc"}}}""");
        assertEquals(FormattedText.plain("hello"), MatrixHtmlParser.parse(content));
    }

    @Test
    void htmlHoldingOnlyTheReplyFallbackFallsBackToTheBody() {
        assertEquals(FormattedText.plain("hello"), MatrixHtmlParser.parse("> <@bob:example.org> hi\n\nhello",
                Optional.of("org.matrix.custom.html"), Optional.of("<mx-reply>quoted</mx-reply>"), true));
    }
}

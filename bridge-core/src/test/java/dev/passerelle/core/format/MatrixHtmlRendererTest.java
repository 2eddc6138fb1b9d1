package dev.passerelle.core.format;

import static dev.passerelle.core.format.EntityType.BLOCKQUOTE;
import static dev.passerelle.core.format.EntityType.BOLD;
import static dev.passerelle.core.format.EntityType.CODE;
import static dev.passerelle.core.format.EntityType.ITALIC;
import static dev.passerelle.core.format.EntityType.STRIKETHROUGH;
import static dev.passerelle.core.format.EntityType.UNDERLINE;
import static dev.passerelle.core.format.FormatRoundTripTest.e;
import static dev.passerelle.core.format.FormatRoundTripTest.link;
import static dev.passerelle.core.format.FormatRoundTripTest.mention;
import static dev.passerelle.core.format.FormatRoundTripTest.pre;
import static dev.passerelle.core.format.FormatRoundTripTest.spoiler;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatrixHtmlRendererTest {

    private static final String ALICE_PILL = "<a href=\"https://matrix.to/#/@alice:example.org\">";

    /** name, text, expected body, expected formatted_body ("" for none). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain text has no formatted_body", FormattedText.plain("hi <there>\nyou"),
                        "hi <there>\nyou", ""),
                Arguments.of("bold", FormattedText.of("a bold b", e(2, 4, BOLD)), "a bold b",
                        "a <strong>bold</strong> b"),
                Arguments.of("each style's tag", FormattedText.of("b i u s c", e(0, 1, BOLD), e(2, 1, ITALIC),
                        e(4, 1, UNDERLINE), e(6, 1, STRIKETHROUGH), e(8, 1, CODE)), "b i u s c",
                        "<strong>b</strong> <em>i</em> <u>u</u> <del>s</del> <code>c</code>"),
                Arguments.of("partial overlap: the longer-lasting entity goes outside", FormattedText.of("abcdefgh",
                        e(0, 5, BOLD), e(3, 5, ITALIC)), "abcdefgh",
                        "<strong>abc</strong><em><strong>de</strong>fgh</em>"),
                Arguments.of("a pill is never cut, the style is", FormattedText.of("Hi Alice!",
                        e(0, 5, BOLD), e(3, 5, mention("@alice:example.org"))), "Hi Alice!",
                        "<strong>Hi </strong>" + ALICE_PILL + "<strong>Al</strong>ice</a>!"),
                Arguments.of("text is escaped", FormattedText.of("<script>&\"'", e(0, 8, BOLD)), "<script>&\"'",
                        "<strong>&lt;script&gt;</strong>&amp;&quot;&#39;"),
                Arguments.of("newlines become <br>", FormattedText.of("one\ntwo", e(0, 3, BOLD)), "one\ntwo",
                        "<strong>one</strong><br>two"),
                Arguments.of("spaces HTML would collapse become &nbsp;", FormattedText.of(" a  b \nc", e(7, 1, BOLD)),
                        " a  b \nc", "&nbsp;a &nbsp;b&nbsp;<br><strong>c</strong>"),
                Arguments.of("code block with language on its own lines", FormattedText.of("see:\nx < 1\ndone",
                        e(5, 5, pre("java"))), "see:\nx < 1\ndone",
                        "see:<br><pre><code class=\"language-java\">x &lt; 1\n</code></pre>done"),
                Arguments.of("code block keeps spaces and newlines", FormattedText.of("a  b\n  c", e(0, 8, pre(null))),
                        "a  b\n  c", "<pre><code>a  b\n  c\n</code></pre>"),
                Arguments.of("a language that is not a name is left out", FormattedText.of("x",
                        e(0, 1, pre("java\" onclick=\"x"))), "x", "<pre><code>x\n</code></pre>"),
                Arguments.of("spoiler", FormattedText.of("he dies", e(3, 4, spoiler(null))), "he dies",
                        "he <span data-mx-spoiler>dies</span>"),
                Arguments.of("spoiler reason is an escaped attribute", FormattedText.of("he dies",
                        e(3, 4, spoiler("a \"film\" & <b>"))), "he dies",
                        "he <span data-mx-spoiler=\"a &quot;film&quot; &amp; &lt;b&gt;\">dies</span>"),
                Arguments.of("quote: body lines start with '> '", FormattedText.of("q1\nq2\nreply",
                        e(0, 5, BLOCKQUOTE)), "> q1\n> q2\nreply", "<blockquote>q1<br>q2</blockquote>reply"),
                Arguments.of("bold around a quote is split outside it", FormattedText.of("a\nq\nb",
                        e(0, 5, BOLD), e(2, 1, BLOCKQUOTE)), "a\n> q\nb",
                        "<strong>a<br></strong><blockquote><strong>q</strong></blockquote><strong>b</strong>"),
                Arguments.of("link: body adds the url", FormattedText.of("see the docs",
                        e(8, 4, link("https://example.org/?a=1&b=2"))), "see the docs (https://example.org/?a=1&b=2)",
                        "see the <a href=\"https://example.org/?a=1&amp;b=2\">docs</a>"),
                Arguments.of("link showing its url: no repeat", FormattedText.of("go example.org now",
                        e(3, 11, link("https://example.org/"))), "go example.org now",
                        "go <a href=\"https://example.org/\">example.org</a> now"),
                Arguments.of("mail link showing its address", FormattedText.of("bob@example.org",
                        e(0, 15, link("mailto:bob@example.org"))), "bob@example.org",
                        "<a href=\"mailto:bob@example.org\">bob@example.org</a>"),
                Arguments.of("javascript: link is not made a link", FormattedText.of("click",
                        e(0, 5, link("javascript:alert(1)"))), "click (javascript:alert(1))", "click"),
                Arguments.of("network-only link is not made a link", FormattedText.of("chan",
                        e(0, 4, link("tg://resolve?domain=x"))), "chan (tg://resolve?domain=x)", "chan"),
                Arguments.of("mention: body has the name", FormattedText.of("Hi Alice", e(3, 5,
                        mention("@alice:example.org"))), "Hi Alice", "Hi " + ALICE_PILL + "Alice</a>"),
                Arguments.of("pill escapes what would end the fragment", FormattedText.of("x",
                        e(0, 1, mention("@a?b#c d:example.org"))), "x",
                        "<a href=\"https://matrix.to/#/@a%3Fb%23c%20d:example.org\">x</a>"),
                Arguments.of("emoji keep their place", FormattedText.of("😀 big 😀", e(3, 3, BOLD)), "😀 big 😀",
                        "😀 <strong>big</strong> 😀"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersBodyAndHtml(String name, FormattedText text, String body, String html) {
        var content = MatrixHtmlRenderer.render(text);
        assertEquals(body, content.body(), "body");
        assertEquals(html.isEmpty() ? Optional.empty() : Optional.of(html), content.formattedBody(), "formatted_body");
    }

    @Test
    void mentionsListsEachUserOnceInOrder() {
        var text = FormattedText.of("Bob, Alice and Bob", e(0, 3, mention("@bob:example.org")),
                e(5, 5, mention("@alice:example.org")), e(15, 3, mention("@bob:example.org")));
        assertEquals(List.of("@bob:example.org", "@alice:example.org"),
                MatrixHtmlRenderer.render(text).mentionedUserIds());
    }

    @Test
    void contentCarriesFormatAndMentions() {
        var mapper = new ObjectMapper();
        var content = MatrixHtmlRenderer.render(FormattedText.of("Hi Alice", e(3, 5, mention("@alice:example.org"))))
                .toMessageContent(mapper, "m.text");
        assertEquals(mapper.createObjectNode().put("msgtype", "m.text").put("body", "Hi Alice")
                .put("format", "org.matrix.custom.html").put("formatted_body", "Hi " + ALICE_PILL + "Alice</a>")
                .set("m.mentions", mapper.createObjectNode().set("user_ids",
                        mapper.createArrayNode().add("@alice:example.org"))), content);
    }

    @Test
    void plainContentHasNoFormatButStillEmptyMentions() {
        var mapper = new ObjectMapper();
        var content = mapper.createObjectNode().put("format", "stale").put("formatted_body", "<b>stale</b>");
        MatrixHtmlRenderer.render(FormattedText.plain("Alice said hi")).writeTo(content);
        assertEquals(mapper.createObjectNode().put("body", "Alice said hi")
                .set("m.mentions", mapper.createObjectNode()), content);
    }
}

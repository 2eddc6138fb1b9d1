package dev.passerelle.core.format;

import static dev.passerelle.core.format.EntityType.BOLD;
import static dev.passerelle.core.format.FormatRoundTripTest.e;
import static dev.passerelle.core.format.FormatRoundTripTest.link;
import static dev.passerelle.core.format.FormatRoundTripTest.pre;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile HTML: what survives sanitising, and what text and entities a network would get from it. */
class MatrixHtmlSanitizerTest {

    /** name, dirty HTML, sanitised HTML, parsed text. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("script dropped with its content", "<script>alert(1)</script>hi", "hi",
                        FormattedText.plain("hi")),
                Arguments.of("style dropped with its content", "<style>p{display:none}</style>hi", "hi",
                        FormattedText.plain("hi")),
                Arguments.of("iframe dropped with its content", "<iframe src=\"https://evil.example\">x</iframe>ok",
                        "ok", FormattedText.plain("ok")),
                Arguments.of("svg with onload dropped", "<svg onload=\"alert(1)\"><text>x</text></svg>ok", "ok",
                        FormattedText.plain("ok")),
                Arguments.of("onerror image dropped", "<img src=\"x\" onerror=\"alert(1)\">ok", "ok",
                        FormattedText.plain("ok")),
                Arguments.of("non-mxc image dropped", "<img src=\"https://tracker.example/p.png\" alt=\"pixel\">ok",
                        "ok", FormattedText.plain("ok")),
                Arguments.of("mxc image kept", "<img src=\"mxc://example.org/abc\" alt=\":e:\" onclick=\"x\">",
                        "<img src=\"mxc://example.org/abc\" alt=\":e:\">", FormattedText.plain(":e:")),
                Arguments.of("javascript: link loses its href", "<a href=\"javascript:alert(1)\">click</a>",
                        "<a>click</a>", FormattedText.plain("click")),
                Arguments.of("mixed-case javascript: link", "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
                        "<a>click</a>", FormattedText.plain("click")),
                Arguments.of("entity-encoded javascript: link", "<a href=\"jav&#x61;script:alert(1)\">click</a>",
                        "<a>click</a>", FormattedText.plain("click")),
                Arguments.of("data: link", "<a href=\"data:text/html,&lt;script&gt;\">click</a>", "<a>click</a>",
                        FormattedText.plain("click")),
                Arguments.of("relative link", "<a href=\"/_matrix/evil\">click</a>", "<a>click</a>",
                        FormattedText.plain("click")),
                Arguments.of("event handlers and styles dropped, allowed attributes kept",
                        "<a href=\"https://example.org\" onclick=\"x\" target=\"_blank\" style=\"color:red\">site</a>",
                        "<a href=\"https://example.org\" target=\"_blank\">site</a>",
                        FormattedText.of("site", e(0, 4, link("https://example.org")))),
                Arguments.of("unknown tags keep their text", "<marquee>hello</marquee> <custom-el>world</custom-el>",
                        "hello world", FormattedText.plain("hello world")),
                Arguments.of("attributes off the list dropped", "<div onclick=\"x\" style=\"color:red\">t</div>",
                        "<div>t</div>", FormattedText.plain("t")),
                Arguments.of("span keeps only data-mx attributes",
                        "<span data-mx-color=\"#f00\" style=\"font-size:99px\" class=\"x\">red</span>",
                        "<span data-mx-color=\"#f00\">red</span>", FormattedText.plain("red")),
                Arguments.of("code keeps only its language class",
                        "<pre><code class=\"evil language-js hljs\">x</code></pre>",
                        "<pre><code class=\"language-js\">x</code></pre>", FormattedText.of("x", e(0, 1, pre("js")))),
                Arguments.of("code without a language class loses the class", "<code class=\"hljs\">x</code>",
                        "<code>x</code>", FormattedText.of("x", e(0, 1, EntityType.CODE))),
                Arguments.of("form controls dropped", "<form action=\"https://evil\"><input value=\"pw\">"
                        + "<button>go</button></form><b>ok</b>", "go<b>ok</b>", FormattedText.of("gook", e(2, 2, BOLD))),
                Arguments.of("comments dropped", "a<!-- secret -->b", "ab", FormattedText.plain("ab")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sanitises(String name, String dirty, String clean, FormattedText parsed) {
        assertEquals(clean, MatrixHtmlSanitizer.sanitizeToHtml(dirty), "sanitised HTML");
        assertEquals(parsed, MatrixHtmlParser.parseHtml(dirty), "parsed text");
    }
}

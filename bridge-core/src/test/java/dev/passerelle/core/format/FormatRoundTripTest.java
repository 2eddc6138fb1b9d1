package dev.passerelle.core.format;

import static dev.passerelle.core.format.EntityType.BLOCKQUOTE;
import static dev.passerelle.core.format.EntityType.BOLD;
import static dev.passerelle.core.format.EntityType.CODE;
import static dev.passerelle.core.format.EntityType.ITALIC;
import static dev.passerelle.core.format.EntityType.STRIKETHROUGH;
import static dev.passerelle.core.format.EntityType.UNDERLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code parse(render(text))} gives {@code text} back for everything HTML can express. */
class FormatRoundTripTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Entity e(int offset, int length, EntityType type) {
        return new Entity(offset, length, type);
    }

    static EntityType link(String url) {
        return new EntityType.Link(url);
    }

    static EntityType mention(String userId) {
        return new EntityType.UserMention(userId);
    }

    static EntityType pre(String language) {
        return new EntityType.Pre(Optional.ofNullable(language));
    }

    static EntityType spoiler(String reason) {
        return new EntityType.Spoiler(Optional.ofNullable(reason));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain text", FormattedText.plain("hello world")),
                Arguments.of("empty text", FormattedText.plain("")),
                Arguments.of("plain text with newlines", FormattedText.plain("one\ntwo\n\nfour")),
                Arguments.of("bold all", FormattedText.of("bold", e(0, 4, BOLD))),
                Arguments.of("bold middle", FormattedText.of("a bold b", e(2, 4, BOLD))),
                Arguments.of("italic inside bold", FormattedText.of("bold italic", e(0, 11, BOLD), e(5, 6, ITALIC))),
                Arguments.of("bold overlaps italic", FormattedText.of("abcdefgh", e(0, 5, BOLD), e(3, 5, ITALIC))),
                Arguments.of("three overlapping styles", FormattedText.of("0123456789",
                        e(0, 6, BOLD), e(2, 6, ITALIC), e(4, 6, UNDERLINE))),
                Arguments.of("same range, four styles", FormattedText.of("all of it",
                        e(0, 9, UNDERLINE), e(0, 9, STRIKETHROUGH), e(0, 9, BOLD), e(0, 9, ITALIC))),
                Arguments.of("emoji before an entity", FormattedText.of("😀 bold", e(3, 4, BOLD))),
                Arguments.of("emoji inside an entity", FormattedText.of("a 😀😀 b", e(2, 4, BOLD), e(4, 2, ITALIC))),
                Arguments.of("only an emoji", FormattedText.of("👍🏽", e(0, 4, STRIKETHROUGH))),
                Arguments.of("flag and CJK in a link", FormattedText.of("🇫🇷 漢字 link",
                        e(5, 7, link("https://example.org/漢字")))),
                Arguments.of("mention", FormattedText.of("Hi Alice!", e(3, 5, mention("@alice:example.org")))),
                Arguments.of("mention after emoji", FormattedText.of("🎉 Alice", e(3, 5, mention("@alice:example.org")))),
                Arguments.of("bold overlapping a mention", FormattedText.of("Hi Alice!",
                        e(0, 5, BOLD), e(3, 5, mention("@alice:example.org")))),
                Arguments.of("two adjacent mentions stay two", FormattedText.of("AliceBob",
                        e(0, 5, mention("@alice:example.org")), e(5, 3, mention("@bob:example.org")))),
                Arguments.of("mention id with unusual characters", FormattedText.of("odd",
                        e(0, 3, mention("@we?ird#id%+:example.org")))),
                Arguments.of("link with other text", FormattedText.of("see the docs",
                        e(8, 4, link("https://example.org/a?b=1&c=\"2\"#x")))),
                Arguments.of("link showing its url", FormattedText.of("https://example.org",
                        e(0, 19, link("https://example.org")))),
                Arguments.of("mailto, magnet and matrix links", FormattedText.of("mail magnet room",
                        e(0, 4, link("mailto:bob@example.org")), e(5, 6, link("magnet:?xt=urn:btih:abc")),
                        e(12, 4, link("matrix:r/room:example.org")))),
                Arguments.of("link overlapping bold", FormattedText.of("0123456789abcdef",
                        e(0, 10, link("https://example.org")), e(5, 10, BOLD))),
                Arguments.of("bold across a newline", FormattedText.of("line one\nline two", e(5, 8, BOLD))),
                Arguments.of("blank line in the middle", FormattedText.of("a\n\nb", e(3, 1, BOLD))),
                Arguments.of("spaces HTML would collapse", FormattedText.of("  two  spaces   and \n  more  ",
                        e(2, 3, BOLD))),
                Arguments.of("space at the end of an entity", FormattedText.of("foo bar", e(0, 4, BOLD))),
                Arguments.of("space at the start of an entity", FormattedText.of("foo bar", e(3, 4, ITALIC))),
                Arguments.of("HTML special characters", FormattedText.of("<b>&amp; \"quoted\" 'single'</b>",
                        e(3, 5, BOLD), e(9, 8, CODE))),
                Arguments.of("markdown-looking characters stay", FormattedText.plain("*not bold* _nor_ `code`")),
                Arguments.of("spoiler", FormattedText.of("the end: he dies", e(9, 7, spoiler(null)))),
                Arguments.of("spoiler with a reason", FormattedText.of("the end: he dies",
                        e(9, 7, spoiler("film \"<plot>\" & more")))),
                Arguments.of("spoiler around a mention", FormattedText.of("it was Alice",
                        e(0, 12, spoiler(null)), e(7, 5, mention("@alice:example.org")))),
                Arguments.of("inline code", FormattedText.of("run a < b && c  now", e(4, 11, CODE))),
                Arguments.of("code block with language", FormattedText.of(
                        "see:\nif (a < b) {\n    x = \"&\";\n}\ndone", e(5, 27, pre("java")))),
                Arguments.of("code block first, no language", FormattedText.of("  indented\n\ttab\nafter",
                        e(0, 15, pre(null)))),
                Arguments.of("code block ending with a newline", FormattedText.of("x = 1\n\nafter", e(0, 6, pre("py")))),
                Arguments.of("code block at the end", FormattedText.of("look:\nx = 1", e(6, 5, pre("python")))),
                Arguments.of("two code blocks", FormattedText.of("one\ntwo\n\nthree",
                        e(0, 3, pre(null)), e(4, 3, pre("c")), e(9, 5, pre("c")))),
                Arguments.of("quote then reply", FormattedText.of("quoted line\nsecond line\nmy answer",
                        e(0, 23, BLOCKQUOTE))),
                Arguments.of("quote in the middle with styles", FormattedText.of("before\nit's bold\nafter",
                        e(7, 9, BLOCKQUOTE), e(12, 4, BOLD))),
                Arguments.of("code block inside a quote", FormattedText.of("look:\nx = 1\nreply",
                        e(0, 11, BLOCKQUOTE), e(6, 5, pre(null)))),
                Arguments.of("blank line before a code block", FormattedText.of("text\n\ncode\n\nmore",
                        e(6, 4, pre(null)))),
                Arguments.of("everything", FormattedText.of("👋 Hi Alice, see https://x.org and `a<b`\nok",
                        e(0, 11, BOLD), e(6, 5, mention("@alice:example.org")), e(17, 13, link("https://x.org")),
                        e(35, 5, CODE), e(41, 2, ITALIC))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsingTheRenderingGivesTheTextBack(String name, FormattedText text) {
        var rendered = MatrixHtmlRenderer.render(text);
        var content = rendered.toMessageContent(MAPPER, "m.text");
        assertEquals(text, MatrixHtmlParser.parse(content), () -> "through " + content);
    }

    /**
     * Random texts over characters that stress escaping, collapsing and UTF-16 (emoji, newlines, runs of spaces,
     * HTML specials) with random overlapping inline entities; at most one link or pill covers any character,
     * since HTML cannot nest links. Seeded, so a failure names a reproducible case.
     */
    @Test
    void randomInlineFormattingSurvivesTheRoundTrip() {
        String[] pieces = {"a", "b", " ", " ", "😀", "<", "&", "\"", "'", "\n", "é", "👍🏽"};
        EntityType[] styles = {BOLD, ITALIC, UNDERLINE, STRIKETHROUGH, CODE, spoiler(null), spoiler("why")};
        for (int seed = 0; seed < 3000; seed++) {
            var random = new Random(seed);
            var sb = new StringBuilder();
            var starts = new ArrayList<Integer>();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                starts.add(sb.length());
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            starts.add(sb.length());
            String text = sb.toString();
            if (text.startsWith("\n") || text.endsWith("\n")) {
                continue; // leading and trailing blank lines are dropped on purpose
            }
            var entities = new ArrayList<Entity>();
            boolean[] linked = new boolean[text.length()];
            for (int k = random.nextInt(5); k > 0; k--) {
                int a = starts.get(random.nextInt(starts.size() - 1));
                int b = starts.get(starts.indexOf(a) + 1 + random.nextInt(starts.size() - 1 - starts.indexOf(a)));
                if (random.nextInt(4) > 0) {
                    entities.add(e(a, b - a, styles[random.nextInt(styles.length)]));
                } else if (!anySet(linked, a, b)) {
                    java.util.Arrays.fill(linked, a, b, true);
                    entities.add(e(a, b - a, random.nextBoolean() ? link("https://example.org/?q=" + seed + "&x")
                            : mention("@user" + seed + ":example.org")));
                }
            }
            var original = new FormattedText(text, entities);
            var content = MatrixHtmlRenderer.render(original).toMessageContent(MAPPER, "m.text");
            int s = seed;
            assertEquals(original, MatrixHtmlParser.parse(content), () -> "seed " + s + " through " + content);
        }
    }

    private static boolean anySet(boolean[] flags, int from, int to) {
        for (int i = from; i < to; i++) {
            if (flags[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Random messages made of plain lines, quotes and code blocks (blocks cover whole lines, as networks send
     * them), with random inline styles inside the non-code parts.
     */
    @Test
    void randomBlocksSurviveTheRoundTrip() {
        String[] pieces = {"a", "b", " ", "😀", "<", "&", "x y"};
        EntityType[] styles = {BOLD, ITALIC, CODE, link("https://example.org"), mention("@u:example.org")};
        for (int seed = 0; seed < 3000; seed++) {
            var random = new Random(seed);
            var b = FormattedText.builder();
            int segments = 1 + random.nextInt(4);
            for (int k = 0; k < segments; k++) {
                if (k > 0) {
                    b.append("\n");
                }
                int kind = random.nextInt(3);
                int start = b.length();
                for (int line = random.nextInt(3); line >= 0; line--) {
                    boolean blank = kind == 0 && k > 0 && k < segments - 1 && random.nextInt(4) == 0;
                    String text = blank ? "" : randomLine(random, pieces);
                    b.append(text, kind == 2 || random.nextBoolean() ? new EntityType[0]
                            : new EntityType[] {styles[random.nextInt(styles.length)]});
                    if (line > 0) {
                        b.append("\n");
                    }
                }
                if (kind == 1) {
                    b.applySince(start, BLOCKQUOTE);
                } else if (kind == 2) {
                    b.applySince(start, pre(random.nextBoolean() ? "rust" : null));
                }
            }
            FormattedText original;
            try {
                original = b.build();
            } catch (IllegalArgumentException blankOnly) {
                continue;
            }
            if (original.text().startsWith("\n") || original.text().endsWith("\n")) {
                continue;
            }
            var content = MatrixHtmlRenderer.render(original).toMessageContent(MAPPER, "m.text");
            int s = seed;
            assertEquals(original, MatrixHtmlParser.parse(content), () -> "seed " + s + " through " + content);
        }
    }

    private static String randomLine(Random random, String[] pieces) {
        var line = new StringBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
            line.append(pieces[random.nextInt(pieces.length)]);
        }
        return line.toString();
    }
}

package dev.passerelle.whatsapp.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WhatsAppFormatTest {

    private static final EntityType PRE = new EntityType.Pre(Optional.empty());

    static Stream<Arguments> both() {
        return Stream.of(
                Arguments.of("plain text", FormattedText.plain("plain text")),
                Arguments.of("*bold*", FormattedText.of("bold", new Entity(0, 4, EntityType.BOLD))),
                Arguments.of("a _b_ ~c~ `d`", FormattedText.of("a b c d", new Entity(2, 1, EntityType.ITALIC),
                        new Entity(4, 1, EntityType.STRIKETHROUGH), new Entity(6, 1, EntityType.CODE))),
                Arguments.of("*bold _both_*", FormattedText.of("bold both", new Entity(0, 9, EntityType.BOLD),
                        new Entity(5, 4, EntityType.ITALIC))),
                Arguments.of("```let x = *1*```", FormattedText.of("let x = *1*", new Entity(0, 11, PRE))),
                Arguments.of("> quoted\n> twice\nafter", FormattedText.of("quoted\ntwice\nafter",
                        new Entity(0, 12, EntityType.BLOCKQUOTE))),
                Arguments.of("- one\n- two\n1. three", FormattedText.plain("- one\n- two\n1. three")),
                Arguments.of("emoji 😀 *after*", FormattedText.of("emoji 😀 after", new Entity(9, 5, EntityType.BOLD))));
    }

    @ParameterizedTest
    @MethodSource("both")
    void parsesAndRendersBack(String markup, FormattedText text) {
        assertEquals(text, WhatsAppFormat.parse(markup));
        assertEquals(markup, WhatsAppFormat.render(text));
    }

    static Stream<Arguments> notMarkup() {
        return Stream.of("2*3*4", "snake_case_name", "a * b * c", "*not closed", "* spaced*", "mid*word*", "~",
                "**", "*line\nbreak*").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("notMarkup")
    void markersThatWhatsAppDoesNotFormatStayText(String text) {
        assertEquals(FormattedText.plain(text), WhatsAppFormat.parse(text));
    }

    @ParameterizedTest
    @MethodSource("lossy")
    void whatWhatsAppCannotShowIsWrittenReadably(FormattedText text, String markup) {
        assertEquals(markup, WhatsAppFormat.render(text));
    }

    static Stream<Arguments> lossy() {
        return Stream.of(
                Arguments.of(FormattedText.of("see docs", new Entity(4, 4, new EntityType.Link("https://x.org/d"))),
                        "see docs (https://x.org/d)"),
                Arguments.of(FormattedText.of("https://x.org", new Entity(0, 13, new EntityType.Link("https://x.org"))),
                        "https://x.org"),
                Arguments.of(FormattedText.of("under", new Entity(0, 5, EntityType.UNDERLINE)), "under"),
                Arguments.of(FormattedText.of("secret", new Entity(0, 6, new EntityType.Spoiler(Optional.empty()))),
                        "secret"),
                Arguments.of(FormattedText.of("Bob hi", new Entity(0, 3,
                        new EntityType.UserMention("@whatsapp_336:example.org"))), "Bob hi"));
    }

    @org.junit.jupiter.api.Test
    void mentionsOfKnownUsersAreWrittenTheWayWhatsAppMentions() {
        FormattedText text = FormattedText.of("hi Bob and Eve!", new Entity(3, 3,
                new EntityType.UserMention("@whatsapp_336:example.org")), new Entity(3, 3, EntityType.BOLD),
                new Entity(11, 3, new EntityType.UserMention("@eve:example.org")));
        String markup = WhatsAppFormat.render(text, mxid -> mxid.startsWith("@whatsapp_")
                ? Optional.of("@336") : Optional.empty());
        assertEquals("hi *@336* and Eve!", markup);
    }

    @ParameterizedTest
    @MethodSource("both")
    void entitiesAreSortedByOffset(String markup, FormattedText ignored) {
        List<Entity> entities = WhatsAppFormat.parse(markup).entities();
        for (int i = 1; i < entities.size(); i++) {
            assertEquals(true, entities.get(i - 1).offset() <= entities.get(i).offset(), entities.toString());
        }
    }
}

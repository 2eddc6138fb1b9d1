package dev.passerelle.core.format;

import static dev.passerelle.core.format.EntityType.BOLD;
import static dev.passerelle.core.format.EntityType.ITALIC;
import static dev.passerelle.core.format.FormatRoundTripTest.e;
import static dev.passerelle.core.format.FormatRoundTripTest.mention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormattedTextTest {

    @Test
    void entityPastTheEndSaysOffsetsAreUtf16() {
        var error = assertThrows(IllegalArgumentException.class, () -> FormattedText.of("😀 hi", e(3, 3, BOLD)));
        assertTrue(error.getMessage().contains("past the end of the text (length 5)"), error.getMessage());
        assertTrue(error.getMessage().contains("UTF-16"), error.getMessage());
    }

    @Test
    void entityCuttingAnEmojiInHalfIsRefused() {
        // Offsets counted in code points would put "hi" at 2; in UTF-16 it is at 3.
        var error = assertThrows(IllegalArgumentException.class, () -> FormattedText.of("😀 hi", e(1, 2, BOLD)));
        assertTrue(error.getMessage().contains("cuts a character outside the BMP"), error.getMessage());
    }

    @Test
    void emptyAndNegativeRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> e(0, 0, BOLD));
        assertThrows(IllegalArgumentException.class, () -> e(-1, 2, BOLD));
        assertThrows(IllegalArgumentException.class, () -> new EntityType.UserMention("alice"));
        assertThrows(IllegalArgumentException.class, () -> new EntityType.Link(" "));
    }

    @Test
    void entityOrderDoesNotMatterForEquality() {
        assertEquals(FormattedText.of("abcdef", e(0, 3, BOLD), e(2, 4, ITALIC)),
                FormattedText.of("abcdef", e(2, 4, ITALIC), e(0, 3, BOLD)));
    }

    @Test
    void touchingAndOverlappingStylesMerge() {
        assertEquals(List.of(e(0, 6, BOLD)), FormattedText.of("abcdef", e(0, 2, BOLD), e(2, 2, BOLD), e(3, 3, BOLD))
                .entities());
    }

    @Test
    void adjacentMentionsStaySeparate() {
        var text = FormattedText.of("AB", e(0, 1, mention("@a:x.org")), e(1, 1, mention("@a:x.org")));
        assertEquals(2, text.entities().size());
    }

    @Test
    void builderTracksOffsetsAcrossEmoji() {
        var b = FormattedText.builder();
        b.append("👋 ");
        int start = b.length();
        b.append("Hi ").append("Alice", mention("@alice:example.org"));
        b.applySince(start, BOLD).append("!", ITALIC);
        assertEquals(FormattedText.of("👋 Hi Alice!", e(3, 8, BOLD), e(6, 5, mention("@alice:example.org")),
                e(11, 1, ITALIC)), b.build());
    }

    @Test
    void concatMovesTheSecondTextsEntities() {
        var joined = FormattedText.of("😀a", e(2, 1, BOLD)).concat(FormattedText.of("b", e(0, 1, ITALIC)));
        assertEquals(FormattedText.of("😀ab", e(2, 1, BOLD), e(3, 1, ITALIC)), joined);
        assertEquals("b", joined.textOf(joined.entities().get(1)));
    }

    @Test
    void applySinceRefusesAnOffsetItNeverGave() {
        var b = FormattedText.builder().append("abc");
        assertThrows(IllegalArgumentException.class, () -> b.applySince(4, BOLD));
    }
}

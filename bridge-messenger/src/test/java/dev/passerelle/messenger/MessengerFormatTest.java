package dev.passerelle.messenger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.messenger.format.MessengerFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessengerFormatTest {

    @Test
    void shortTextIsOnePiece() {
        assertEquals(List.of("hello"), MessengerFormat.pieces("hello"));
        assertEquals(List.of(""), MessengerFormat.pieces(""));
    }

    @Test
    void longTextIsCutAtSpacesWithinMetasLimit() {
        String text = ("word ".repeat(1000)).trim(); // 4,999 characters
        List<String> pieces = MessengerFormat.pieces(text);
        assertEquals(3, pieces.size());
        assertTrue(pieces.stream().allMatch(p -> p.length() <= MessengerFormat.MAX_TEXT && !p.startsWith(" ")));
        assertEquals(text.replace(" ", ""), String.join("", pieces).replace(" ", ""));
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String text = "x".repeat(1999) + "😀" + "y";
        List<String> pieces = MessengerFormat.pieces(text);
        assertEquals(List.of("x".repeat(1999), "😀y"), pieces);
    }
}

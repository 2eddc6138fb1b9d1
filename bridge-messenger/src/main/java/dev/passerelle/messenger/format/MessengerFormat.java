package dev.passerelle.messenger.format;

import dev.passerelle.core.format.FormattedText;
import java.util.ArrayList;
import java.util.List;

/**
 * Messenger text is plain: Matrix formatting is dropped (the engine's plain text keeps links and mention names), and
 * what arrives is plain text. Meta refuses texts over 2,000 characters, so longer ones are cut into pieces.
 */
public final class MessengerFormat {

    /** Meta's limit on a message's {@code text}, in UTF-16 units. */
    public static final int MAX_TEXT = 2000;

    private MessengerFormat() {
    }

    public static FormattedText toFormatted(String text) {
        return FormattedText.plain(text);
    }

    public static String toMessenger(FormattedText text) {
        return text.text();
    }

    /** {@code text} in pieces of at most {@link #MAX_TEXT}, cut at a line break or space when there is one. */
    public static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        String rest = text;
        while (rest.length() > MAX_TEXT) {
            int cut = Math.max(rest.lastIndexOf('\n', MAX_TEXT), rest.lastIndexOf(' ', MAX_TEXT));
            if (cut < MAX_TEXT / 2) {
                cut = MAX_TEXT;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            pieces.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || pieces.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }
}

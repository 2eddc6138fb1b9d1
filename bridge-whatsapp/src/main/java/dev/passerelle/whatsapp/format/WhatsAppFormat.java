package dev.passerelle.whatsapp.format;

import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * WhatsApp's markup ⇄ {@link FormattedText}. WhatsApp marks {@code *bold*}, {@code _italic_}, {@code ~strike~},
 * {@code `code`}, {@code ```pre```} and {@code > quote} lines; a marker opens only at the start of the text or after a
 * non-word character, closes only before one, and the marked text neither starts nor ends with a space. Lists
 * ({@code - item}, {@code 1. item}) are plain text on both sides. Pure.
 */
public final class WhatsAppFormat {

    private WhatsAppFormat() {
    }

    /** Parses WhatsApp markup: the markers are removed, their ranges become entities. */
    public static FormattedText parse(String markup) {
        List<Entity> entities = new ArrayList<>();
        StringBuilder out = new StringBuilder(markup.length());
        String[] lines = markup.split("\n", -1);
        boolean first = true;
        int i = 0;
        while (i < lines.length) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            String line = lines[i];
            if (line.startsWith("> ") || line.equals(">")) {
                int start = out.length();
                boolean firstQuoted = true;
                while (i < lines.length && (lines[i].startsWith("> ") || lines[i].equals(">"))) {
                    if (!firstQuoted) {
                        out.append('\n');
                    }
                    firstQuoted = false;
                    inline(lines[i].length() > 1 ? lines[i].substring(2) : "", out, entities);
                    i++;
                }
                if (out.length() > start) {
                    entities.add(new Entity(start, out.length() - start, EntityType.BLOCKQUOTE));
                }
                continue;
            }
            // A ``` block may span lines: join the rest and let inline() find its end.
            if (line.contains("```")) {
                String rest = String.join("\n", java.util.Arrays.copyOfRange(lines, i, lines.length));
                inline(rest, out, entities);
                break;
            }
            inline(line, out, entities);
            i++;
        }
        entities.sort(Comparator.comparingInt(Entity::offset).thenComparing(e -> -e.length()));
        return new FormattedText(out.toString(), entities);
    }

    private static void inline(String s, StringBuilder out, List<Entity> entities) {
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("```", i) && opens(s, i)) {
                int close = s.indexOf("```", i + 3);
                if (close > i + 3) {
                    int start = out.length();
                    out.append(s, i + 3, close);
                    entities.add(new Entity(start, close - i - 3, new EntityType.Pre(Optional.empty())));
                    i = close + 3;
                    continue;
                }
            }
            char c = s.charAt(i);
            EntityType type = switch (c) {
                case '*' -> EntityType.BOLD;
                case '_' -> EntityType.ITALIC;
                case '~' -> EntityType.STRIKETHROUGH;
                case '`' -> EntityType.CODE;
                default -> null;
            };
            if (type != null && opens(s, i)) {
                int close = closing(s, i, c);
                if (close > 0) {
                    int start = out.length();
                    String inner = s.substring(i + 1, close);
                    if (c == '`') {
                        out.append(inner);
                    } else {
                        inline(inner, out, entities);
                    }
                    entities.add(new Entity(start, out.length() - start, type));
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
    }

    private static boolean opens(String s, int i) {
        return i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1));
    }

    // The matching marker on the same line, with non-blank text that does not start or end with a space.
    private static int closing(String s, int open, char marker) {
        if (open + 1 >= s.length() || Character.isWhitespace(s.charAt(open + 1))) {
            return -1;
        }
        for (int j = open + 2; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\n') {
                return -1;
            }
            if (c == marker && !Character.isWhitespace(s.charAt(j - 1))
                    && (j + 1 == s.length() || !Character.isLetterOrDigit(s.charAt(j + 1)))) {
                return j;
            }
        }
        return -1;
    }

    /**
     * Renders {@code text} as WhatsApp markup. Underline and spoilers have no WhatsApp form and are dropped (the text
     * stays); a link whose text is not its URL is written {@code text (url)}; mentions keep their visible text.
     */
    public static String render(FormattedText text) {
        return render(text, mxid -> Optional.empty());
    }

    /**
     * Like {@link #render(FormattedText)}, with mentions: a mention whose Matrix user {@code mentionText} knows is
     * written as it gives ({@code @33612345678}, the form WhatsApp shows as a mention), the others keep their text.
     */
    public static String render(FormattedText text, Function<String, Optional<String>> mentionText) {
        String s = text.text();
        List<Insert> inserts = new ArrayList<>();
        boolean[] skipped = new boolean[s.length()];
        for (Entity e : text.entities()) {
            switch (e.type()) {
                case EntityType.Bold b -> wrap(inserts, e, "*");
                case EntityType.Italic it -> wrap(inserts, e, "_");
                case EntityType.Strikethrough st -> wrap(inserts, e, "~");
                case EntityType.Code c -> wrap(inserts, e, "`");
                case EntityType.Pre p -> wrap(inserts, e, "```");
                case EntityType.Link l -> {
                    if (!text.textOf(e).equals(l.url())) {
                        inserts.add(new Insert(e.end(), e.length() - CLOSER, " (" + l.url() + ")"));
                    }
                }
                case EntityType.Blockquote q -> {
                    inserts.add(new Insert(e.offset(), 0, "> "));
                    for (int i = e.offset(); i < e.end(); i++) {
                        if (s.charAt(i) == '\n') {
                            inserts.add(new Insert(i + 1, 0, "> "));
                        }
                    }
                }
                case EntityType.UserMention m -> mentionText.apply(m.userId()).ifPresent(written -> {
                    inserts.add(new Insert(e.offset(), CLOSER, written));
                    for (int i = e.offset(); i < e.end(); i++) {
                        skipped[i] = true;
                    }
                });
                case EntityType.Underline u -> { }
                case EntityType.Spoiler sp -> { }
            }
        }
        inserts.sort(Comparator.comparingInt(Insert::at).thenComparingInt(Insert::order));
        StringBuilder out = new StringBuilder(s.length() + inserts.size() * 2);
        int next = 0;
        for (int pos = 0; pos <= s.length(); pos++) {
            while (next < inserts.size() && inserts.get(next).at() == pos) {
                out.append(inserts.get(next++).value());
            }
            if (pos < s.length() && !skipped[pos]) {
                out.append(s.charAt(pos));
            }
        }
        return out.toString();
    }

    /**
     * A marker to insert at {@code at}. {@code order} sorts markers at one position: closers first (negative; the
     * innermost, shortest, first), then quote prefixes (0), then openers (the outermost, longest, first).
     */
    private record Insert(int at, int order, String value) {
    }

    private static final int CLOSER = 1 << 30;

    private static void wrap(List<Insert> inserts, Entity e, String marker) {
        inserts.add(new Insert(e.offset(), CLOSER - e.length(), marker));
        inserts.add(new Insert(e.end(), e.length() - CLOSER, marker));
    }
}

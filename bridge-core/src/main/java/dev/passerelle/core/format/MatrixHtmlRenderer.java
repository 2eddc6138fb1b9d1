package dev.passerelle.core.format;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a {@link FormattedText} into the text part of a Matrix message: a plain {@code body}, an
 * {@code org.matrix.custom.html} {@code formatted_body} when there is any formatting, and the mentioned users.
 * Pure and thread-safe; never blocks.
 *
 * <p>The {@code body} is the text with two additions that keep it readable where HTML is not shown: a link
 * whose text is not its URL is followed by {@code " (url)"}, and each line of a quotation starts with
 * {@code "> "}. Mentions appear as their text (the display name), code blocks as their lines.
 */
public final class MatrixHtmlRenderer {

    private MatrixHtmlRenderer() {}

    /** Renders {@code text}; entities a Matrix client cannot show (a link to a tg:// URL) become plain text. */
    public static MatrixFormattedContent render(FormattedText text) {
        Optional<String> html = text.isPlain() ? Optional.empty() : Optional.of(HtmlEmitter.emit(text));
        return new MatrixFormattedContent(body(text), html, mentionedUserIds(text));
    }

    /** Only the {@code formatted_body}, also for plain text (escaped, newlines as {@code <br>}). */
    public static String html(FormattedText text) {
        return HtmlEmitter.emit(text);
    }

    /** The plain fallback {@code body} described in the class comment. */
    public static String body(FormattedText ft) {
        String text = ft.text();
        var linkSuffixes = new TreeMap<Integer, StringBuilder>();
        var quoted = new boolean[text.length()];
        for (Entity e : ft.entities()) {
            if (e.type() instanceof EntityType.Link link && !showsItsUrl(ft.textOf(e), link.url())) {
                linkSuffixes.computeIfAbsent(e.end(), k -> new StringBuilder()).append(" (").append(link.url()).append(')');
            } else if (e.type() instanceof EntityType.Blockquote) {
                Arrays.fill(quoted, e.offset(), e.end(), true);
            }
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i <= text.length(); i++) {
            var suffix = linkSuffixes.get(i);
            if (suffix != null) {
                out.append(suffix);
            }
            if (i == text.length()) {
                break;
            }
            if ((i == 0 || text.charAt(i - 1) == '\n') && quoted[i]) {
                out.append("> ");
            }
            out.append(text.charAt(i));
        }
        return out.toString();
    }

    /** The distinct users mentioned, in order of appearance, for {@code m.mentions.user_ids}. */
    public static List<String> mentionedUserIds(FormattedText ft) {
        var ids = new LinkedHashSet<String>();
        for (Entity e : ft.entities()) {
            if (e.type() instanceof EntityType.UserMention m) {
                ids.add(m.userId());
            }
        }
        return List.copyOf(ids);
    }

    // "example.org" for https://example.org/ or "bob@example.org" for mailto:bob@example.org says it already.
    private static boolean showsItsUrl(String shown, String url) {
        String u = stripTrailingSlash(url);
        String s = stripTrailingSlash(shown.strip());
        for (String prefix : new String[] {"", "https://", "http://", "mailto:"}) {
            if (u.equalsIgnoreCase(prefix + s)) {
                return true;
            }
        }
        return false;
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

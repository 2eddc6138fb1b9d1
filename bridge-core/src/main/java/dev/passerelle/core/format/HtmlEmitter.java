package dev.passerelle.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Writes the {@code formatted_body} of one text. Entities may overlap partially while HTML tags must nest, so
 * tags are kept on a stack and an entity that would straddle another is closed and reopened around it. An
 * entity that outlasts the styles already open is put outside them, but an open link or pill is never cut:
 * what starts inside it is split instead. Blocks ({@code <pre>}, {@code <blockquote>}) always go outside
 * inline tags.
 *
 * <p>Whitespace is written so that {@link HtmlTextWalker} (and a browser) reads the same text back: a newline
 * right after a block is implied by the block and not written, other newlines become {@code <br>}, and spaces
 * that HTML would collapse (runs, line starts and ends) become {@code &nbsp;}.
 */
final class HtmlEmitter {

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,40}");

    private final String text;
    private final List<Entity> entities;
    private final List<Entity> stack = new ArrayList<>();
    private final StringBuilder html = new StringBuilder();
    private int impliedNewlineAt = -1;
    private int nextToOpen;

    private HtmlEmitter(FormattedText ft) {
        this.text = ft.text();
        this.entities = ft.entities();
    }

    static String emit(FormattedText ft) {
        return new HtmlEmitter(ft).run();
    }

    private String run() {
        var boundaries = new TreeSet<Integer>();
        boundaries.add(0);
        boundaries.add(text.length());
        for (Entity e : entities) {
            boundaries.add(e.offset());
            boundaries.add(e.end());
        }
        Integer p = 0;
        while (p != null) {
            closeEndingAt(p);
            openStartingAt(p);
            Integer next = boundaries.higher(p);
            writeText(p, next == null ? p : next);
            p = next;
        }
        return html.toString();
    }

    private void closeEndingAt(int p) {
        int lowest = -1;
        for (int i = 0; i < stack.size(); i++) {
            if (stack.get(i).end() <= p) {
                lowest = i;
                break;
            }
        }
        if (lowest < 0) {
            return;
        }
        var reopen = new ArrayList<Entity>();
        for (Entity e : popDownTo(lowest, p)) {
            if (e.end() > p) {
                reopen.addFirst(e);
            } else if (EntityOrder.isBlock(e.type())) {
                impliedNewlineAt = p;
            }
        }
        reopen.forEach(this::push);
    }

    private void openStartingAt(int p) {
        // Entities are sorted by offset (then outer first), so each is reached exactly once.
        while (nextToOpen < entities.size() && entities.get(nextToOpen).offset() == p) {
            Entity e = entities.get(nextToOpen++);
            // Nothing below a block may move (blocks stay outside inline tags), and an open link or pill is
            // not cut to make room: the new entity goes inside it and is the one that gets split.
            int floor = -1;
            for (int i = 0; i < stack.size(); i++) {
                EntityType open = stack.get(i).type();
                if (EntityOrder.isBlock(open) || (!EntityOrder.isBlock(e.type()) && isLink(open))) {
                    floor = i;
                }
            }
            int lowest = -1;
            for (int i = floor + 1; i < stack.size(); i++) {
                if (EntityOrder.isBlock(e.type()) || stack.get(i).end() < e.end()) {
                    lowest = i;
                    break;
                }
            }
            List<Entity> popped = lowest < 0 ? List.of() : popDownTo(lowest, p);
            push(e);
            popped.reversed().forEach(this::push);
        }
    }

    private static boolean isLink(EntityType type) {
        return type instanceof EntityType.Link || type instanceof EntityType.UserMention;
    }

    /** Pops and closes everything from the top down to {@code index}; returns them top first. */
    private List<Entity> popDownTo(int index, int p) {
        var popped = new ArrayList<Entity>();
        while (stack.size() > index) {
            Entity e = stack.removeLast();
            html.append(closeTag(e.type(), e.end() <= p));
            popped.add(e);
        }
        return popped;
    }

    private void push(Entity e) {
        stack.add(e);
        html.append(openTag(e.type()));
    }

    private void writeText(int from, int to) {
        boolean inPre = stack.stream().anyMatch(e -> e.type() instanceof EntityType.Pre);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (i == impliedNewlineAt && c == '\n') {
                continue;
            }
            if (inPre) {
                escape(c);
            } else if (c == '\n') {
                html.append("<br>");
            } else if (c == ' ' && collapsible(i)) {
                html.append("&nbsp;");
            } else {
                escape(c);
            }
        }
    }

    // HTML drops spaces at line starts and ends and folds runs into one.
    private boolean collapsible(int i) {
        return i == 0 || i == text.length() - 1 || text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\n'
                || text.charAt(i + 1) == '\n';
    }

    private void escape(char c) {
        switch (c) {
            case '&' -> html.append("&amp;");
            case '<' -> html.append("&lt;");
            case '>' -> html.append("&gt;");
            case '"' -> html.append("&quot;");
            case '\'' -> html.append("&#39;");
            default -> html.append(c);
        }
    }

    private String attribute(String value) {
        var out = new StringBuilder();
        value.chars().forEach(c -> out.append(switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            default -> String.valueOf((char) c);
        }));
        return out.toString();
    }

    private String openTag(EntityType type) {
        return switch (type) {
            case EntityType.Bold b -> "<strong>";
            case EntityType.Italic i -> "<em>";
            case EntityType.Underline u -> "<u>";
            case EntityType.Strikethrough s -> "<del>";
            case EntityType.Code c -> "<code>";
            case EntityType.Blockquote b -> "<blockquote>";
            case EntityType.Spoiler s -> s.reason().filter(r -> !r.isEmpty())
                    .map(r -> "<span data-mx-spoiler=\"" + attribute(r) + "\">").orElse("<span data-mx-spoiler>");
            case EntityType.Pre p -> p.language().filter(l -> LANGUAGE.matcher(l).matches())
                    .map(l -> "<pre><code class=\"language-" + l + "\">").orElse("<pre><code>");
            case EntityType.Link l -> MatrixLinks.hasAllowedScheme(l.url())
                    ? "<a href=\"" + attribute(l.url()) + "\">" : "";
            case EntityType.UserMention m -> "<a href=\"" + attribute(MatrixLinks.pillUrl(m.userId())) + "\">";
        };
    }

    /** {@code ending} is false when the entity is only closed to be reopened around another one. */
    private String closeTag(EntityType type, boolean ending) {
        return switch (type) {
            case EntityType.Bold b -> "</strong>";
            case EntityType.Italic i -> "</em>";
            case EntityType.Underline u -> "</u>";
            case EntityType.Strikethrough s -> "</del>";
            case EntityType.Code c -> "</code>";
            case EntityType.Blockquote b -> "</blockquote>";
            case EntityType.Spoiler s -> "</span>";
            // A code block ends with a newline, as CommonMark writes it; the parser takes one off again.
            case EntityType.Pre p -> ending ? "\n</code></pre>" : "</code></pre>";
            case EntityType.Link l -> MatrixLinks.hasAllowedScheme(l.url()) ? "</a>" : "";
            case EntityType.UserMention m -> "</a>";
        };
    }
}

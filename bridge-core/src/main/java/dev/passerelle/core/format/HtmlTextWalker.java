package dev.passerelle.core.format;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads sanitised HTML into text and entities the way a browser lays it out: whitespace collapses outside
 * {@code <pre>}, blocks start on their own line ({@code <p>} leaves a blank line), list items get
 * {@code "- "} or {@code "1. "}, {@code &nbsp;} becomes a space. Line breaks that blocks ask for are written
 * lazily, just before the next content, so that entity ranges never swallow them and none trail at the end.
 */
final class HtmlTextWalker implements NodeVisitor {

    private static final Set<String> BLOCKS = Set.of("div", "blockquote", "pre", "ul", "ol", "li", "h1", "h2",
            "h3", "h4", "h5", "h6", "table", "tr", "caption", "details", "summary", "hr", "thead", "tbody");

    /** An open element; {@code start} is set when its first content is written (-1 before). */
    private static final class Frame {
        final Element element;
        final Optional<EntityType> type;
        int start = -1;

        Frame(Element element, Optional<EntityType> type) {
            this.element = element;
            this.type = type;
        }
    }

    /** A finished entity range, still adjustable while trailing whitespace is taken back. */
    private static final class Range {
        int start;
        int end;
        final EntityType type;

        Range(int start, int end, EntityType type) {
            this.start = start;
            this.end = end;
            this.type = type;
        }
    }

    private record ListLevel(boolean ordered, int[] next) {}

    private final StringBuilder out = new StringBuilder();
    private final List<Range> ranges = new ArrayList<>();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final List<Frame> unresolved = new ArrayList<>();
    private final Deque<ListLevel> lists = new ArrayDeque<>();
    private boolean lastCollapsible;
    private boolean afterMarker;
    private int pendingBreak;
    private int pendingFrom;
    private int preDepth;

    static FormattedText read(Element root) {
        var walker = new HtmlTextWalker();
        NodeTraversor.traverse(walker, root);
        return walker.finish();
    }

    @Override
    public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
            if (preDepth > 0) {
                writeRaw(t.getWholeText());
            } else {
                writeCollapsing(t.getWholeText());
            }
        } else if (node instanceof Element el && depth > 0) {
            String tag = el.normalName();
            int breakSize = tag.equals("p") ? 2 : BLOCKS.contains(tag) ? 1 : 0;
            if (breakSize > 0 && !(afterMarker && !tag.equals("ul") && !tag.equals("ol"))) {
                requestBreak(breakSize, 0);
                flush();
            }
            var frame = new Frame(el, EntityMapping.typeOf(el));
            frames.push(frame);
            frame.type.ifPresent(t -> unresolved.add(frame));
            switch (tag) {
                case "br" -> lineBreak();
                case "hr" -> writeCollapsing("---");
                case "pre" -> preDepth++;
                case "ul", "ol" -> lists.push(new ListLevel(tag.equals("ol"), new int[] {startOf(el)}));
                case "li" -> writeMarker();
                case "img" -> writeCollapsing(el.hasAttr("alt") ? el.attr("alt") : el.attr("title"));
                case "td", "th" -> {
                    if (el.elementSiblingIndex() > 0) {
                        writeCollapsing(" | ");
                    }
                }
                default -> { }
            }
        }
    }

    @Override
    public void tail(Node node, int depth) {
        if (!(node instanceof Element el) || depth == 0) {
            return;
        }
        Frame frame = frames.pop();
        String tag = el.normalName();
        int blockEnd = out.length();
        if (tag.equals("pre")) {
            preDepth--;
            // A code block's last line ends with a newline (CommonMark writes one); it is not an empty line.
            if (frame.start >= 0 && out.length() > frame.start && out.charAt(out.length() - 1) == '\n') {
                truncate(out.length() - 1);
            }
            blockEnd = out.length();
        }
        if (frame.type.orElse(null) instanceof EntityType.UserMention m && frame.start < 0) {
            writeCollapsing(m.userId()); // an empty pill still names someone
        }
        unresolved.remove(frame);
        if (frame.type.isPresent() && frame.start >= 0 && out.length() > frame.start) {
            ranges.add(new Range(frame.start, out.length(), frame.type.get()));
        }
        switch (tag) {
            case "ul", "ol" -> lists.pop();
            default -> { }
        }
        if (tag.equals("p")) {
            requestBreak(2, 0);
        } else if (BLOCKS.contains(tag)) {
            requestBreak(1, tag.equals("pre") ? blockEnd : 0);
        }
    }

    private static int startOf(Element list) {
        try {
            return list.hasAttr("start") ? Integer.parseInt(list.attr("start").strip()) : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void writeMarker() {
        var level = lists.peek();
        String indent = "  ".repeat(Math.max(0, lists.size() - 1));
        String marker = level != null && level.ordered() ? (level.next()[0]++) + ". " : "- ";
        writeRaw(indent + marker);
        afterMarker = true;
    }

    private void writeCollapsing(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                if (pendingBreak > 0 || afterMarker || lastCollapsible || out.isEmpty()
                        || out.charAt(out.length() - 1) == '\n') {
                    continue;
                }
                resolveStarts();
                out.append(' ');
                lastCollapsible = true;
            } else {
                content(c);
            }
        }
    }

    private void writeRaw(String s) {
        for (int i = 0; i < s.length(); i++) {
            content(s.charAt(i));
        }
    }

    private void content(char c) {
        flush();
        resolveStarts();
        out.append(c);
        lastCollapsible = false;
        afterMarker = false;
    }

    private void lineBreak() {
        flush();
        dropTrailingSpace();
        resolveStarts();
        out.append('\n');
        afterMarker = false;
    }

    private void resolveStarts() {
        for (Frame f : unresolved) {
            f.start = out.length();
        }
        unresolved.clear();
    }

    /** Asks for {@code count} newlines before the next content, counting only those written after {@code from}. */
    private void requestBreak(int count, int from) {
        pendingFrom = pendingBreak == 0 ? from : Math.max(pendingFrom, from);
        pendingBreak = Math.max(pendingBreak, count);
    }

    private void flush() {
        if (pendingBreak == 0) {
            return;
        }
        int wanted = pendingBreak;
        pendingBreak = 0;
        if (out.isEmpty()) {
            return;
        }
        dropTrailingSpace();
        int have = 0;
        while (have < out.length() - pendingFrom && out.charAt(out.length() - 1 - have) == '\n') {
            have++;
        }
        out.append("\n".repeat(Math.max(0, wanted - have)));
    }

    private void dropTrailingSpace() {
        if (lastCollapsible) {
            lastCollapsible = false;
            truncate(out.length() - 1);
        }
    }

    private void truncate(int length) {
        out.setLength(length);
        for (Range r : ranges) {
            r.start = Math.min(r.start, length);
            r.end = Math.min(r.end, length);
        }
        for (Frame f : frames) {
            f.start = Math.min(f.start, length);
        }
    }

    private FormattedText finish() {
        dropTrailingSpace();
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        truncate(end);
        int lead = 0;
        while (lead < out.length() && out.charAt(lead) == '\n') {
            lead++;
        }
        out.delete(0, lead);
        String text = out.toString().replace('\u00A0', ' ');
        var entities = new ArrayList<Entity>();
        for (Range r : ranges) {
            int s = Math.max(0, r.start - lead);
            int e = Math.max(0, r.end - lead);
            if (e > s) {
                entities.add(new Entity(s, e - s, r.type));
            }
        }
        return new FormattedText(text, entities);
    }
}

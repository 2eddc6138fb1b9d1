package dev.passerelle.core.format;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Reduces HTML from Matrix to the subset the spec allows in {@code org.matrix.custom.html} (Client-Server API,
 * "m.room.message msgtypes"). Unknown elements are dropped but their text is kept; scripts, styles and the
 * {@code <mx-reply>} reply fallback are dropped with their content; attributes outside the list and links
 * with other schemes (javascript:, data:, relative) are removed. Thread-safe; never blocks.
 */
public final class MatrixHtmlSanitizer {

    // Elements whose content is not message text: dropped whole before the safelist runs.
    private static final String DROPPED_WITH_CONTENT =
            "mx-reply, script, style, noscript, template, iframe, object, embed, svg, math, head, title, textarea, select";

    private static final Safelist SAFELIST = new Safelist()
            .addTags("font", "del", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "p", "a", "ul", "ol", "sup",
                    "sub", "li", "b", "i", "u", "strong", "em", "s", "strike", "code", "hr", "br", "div", "table",
                    "thead", "tbody", "tr", "th", "td", "caption", "pre", "span", "img", "details", "summary")
            .addAttributes("font", "data-mx-bg-color", "data-mx-color", "color")
            .addAttributes("span", "data-mx-bg-color", "data-mx-color", "data-mx-spoiler", "data-mx-maths")
            .addAttributes("div", "data-mx-maths")
            .addAttributes("a", "name", "target", "href")
            .addAttributes("img", "width", "height", "alt", "title", "src")
            .addAttributes("ol", "start")
            .addAttributes("code", "class")
            .addProtocols("a", "href", MatrixLinks.LINK_SCHEMES.toArray(String[]::new))
            .addProtocols("img", "src", "mxc");

    private MatrixHtmlSanitizer() {}

    /** The sanitised document; its {@code body()} holds what is safe to read. */
    public static Document sanitize(String html) {
        Document dirty = Jsoup.parseBodyFragment(html);
        dirty.select(DROPPED_WITH_CONTENT).remove();
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        // The safelist cannot express "class only language-*" or "img only with an mxc src"; finish here.
        clean.select("code[class]").forEach(code -> {
            String language = code.classNames().stream().filter(c -> c.startsWith("language-")).findFirst().orElse("");
            if (language.isEmpty()) {
                code.removeAttr("class");
            } else {
                code.attr("class", language);
            }
        });
        clean.select("img:not([src])").remove();
        clean.outputSettings().prettyPrint(false);
        return clean;
    }

    /** The sanitised HTML as a string, for callers that pass HTML on (e.g. to another Matrix room). */
    public static String sanitizeToHtml(String html) {
        return sanitize(html).body().html();
    }
}

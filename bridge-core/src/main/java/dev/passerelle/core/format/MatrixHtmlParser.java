package dev.passerelle.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads the text of a Matrix message into a {@link FormattedText}: from {@code formatted_body} when
 * {@code format} is {@code org.matrix.custom.html} (sanitised first, see {@link MatrixHtmlSanitizer}), else
 * from {@code body}. The reply fallback is dropped: {@code <mx-reply>} always, the quoted lines at the top of a
 * plain body only when the event is a reply. Pure and thread-safe; never blocks.
 *
 * <p>Tags become entities (b/strong and headings bold, i/em italic, u underline, del/s/strike strikethrough,
 * code, pre with its language, a → link or, for a matrix.to or {@code matrix:u/} user link, a mention,
 * span[data-mx-spoiler] spoiler, blockquote); everything else keeps its text only. For an edit, pass
 * {@code m.new_content}.
 */
public final class MatrixHtmlParser {

    private MatrixHtmlParser() {}

    /** Parses a message content; it is treated as a reply when it has {@code m.relates_to.m.in_reply_to}. */
    public static FormattedText parse(JsonNode content) {
        boolean isReply = content.path("m.relates_to").path("m.in_reply_to").path("event_id").isTextual();
        return parse(content.path("body").asText(""), text(content, "format"), text(content, "formatted_body"),
                isReply);
    }

    /**
     * Parses the text fields of a message content. {@code isReply} says the event replies to another, so a
     * leading quote in a plain body is the (legacy) reply fallback and is dropped.
     */
    public static FormattedText parse(String body, Optional<String> format, Optional<String> formattedBody,
            boolean isReply) {
        String plain = isReply ? stripReplyFallback(body) : body;
        if (format.filter(MatrixFormattedContent.HTML_FORMAT::equals).isPresent() && formattedBody.isPresent()) {
            FormattedText fromHtml = parseHtml(formattedBody.get());
            // A formatted_body holding nothing but a reply fallback says less than the body does.
            if (!fromHtml.text().isEmpty() || plain.isBlank()) {
                return fromHtml;
            }
        }
        return FormattedText.plain(plain);
    }

    /** Parses {@code org.matrix.custom.html} (sanitising it first). */
    public static FormattedText parseHtml(String html) {
        return HtmlTextWalker.read(MatrixHtmlSanitizer.sanitize(html).body());
    }

    /**
     * Drops the legacy plain reply fallback: the lines starting with {@code "> "} at the top of the body and
     * the blank line after them. Returns the body unchanged when it does not start that way.
     */
    public static String stripReplyFallback(String body) {
        String[] lines = body.split("\n", -1);
        int quoted = 0;
        while (quoted < lines.length && (lines[quoted].startsWith("> ") || lines[quoted].equals(">"))) {
            quoted++;
        }
        if (quoted == 0 || quoted >= lines.length || !lines[quoted].isEmpty()) {
            return body;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(lines, quoted + 1, lines.length));
    }

    private static Optional<String> text(JsonNode content, String field) {
        JsonNode node = content.path(field);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}

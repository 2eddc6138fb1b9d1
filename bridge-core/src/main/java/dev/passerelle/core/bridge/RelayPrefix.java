package dev.passerelle.core.bridge;

import dev.passerelle.core.config.RelaySettings;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.format.MatrixHtmlParser;
import dev.passerelle.core.spi.MessageContent;

/**
 * What a relayed message looks like on the network, from {@code bridge.relay.message_format} (by default the Matrix
 * sender's name in bold, {@code ": "}, then their text with its formatting moved along), so that the chat sees who
 * wrote it although the relay login sent it. Media get it in their caption (without the message and its trailing
 * colon when there is no caption); a location, which has no text, is sent as it is. Pure; does not block.
 */
final class RelayPrefix {

    private static final String MESSAGE = "{message}";
    private static final RelayPrefix DEFAULT = new RelayPrefix(RelaySettings.DEFAULT_FORMAT);

    private final String before;
    private final String after;

    /** @param format a format the config validator accepted: {@code {message}} appears exactly once */
    RelayPrefix(String format) {
        int at = format.indexOf(MESSAGE);
        if (at < 0) {
            throw new IllegalArgumentException("the relay format has no {message}: " + format);
        }
        this.before = format.substring(0, at);
        this.after = format.substring(at + MESSAGE.length());
    }

    /** {@code content} with the default format around its text or caption. */
    static MessageContent apply(String name, MessageContent content) {
        return DEFAULT.apply(name, "", content);
    }

    /** {@code text} in the default format. */
    static FormattedText prefix(String name, FormattedText text) {
        return DEFAULT.around(name, "", text);
    }

    /** {@code content} with the format around its text or caption; {@code mxid} is the sender's user id. */
    MessageContent apply(String name, String mxid, MessageContent content) {
        return switch (content) {
            case MessageContent.Text t -> new MessageContent.Text(around(name, mxid, t.text()), t.kind());
            case MessageContent.Media m -> m.withCaption(around(name, mxid, m.caption()));
            case MessageContent.Location l -> l;
            case MessageContent.Poll p -> new MessageContent.Poll(around(name, mxid, p.question()), p.options(),
                    p.maxSelections());
        };
    }

    FormattedText around(String name, String mxid, FormattedText text) {
        if (text.text().isEmpty()) {
            // "<b>{name}</b>: " alone would end in a dangling colon.
            return render(before.replaceAll("[\\s:]+$", "") + after, name, mxid);
        }
        return render(before, name, mxid).concat(text).concat(render(after, name, mxid));
    }

    private static FormattedText render(String template, String name, String mxid) {
        if (template.isEmpty()) {
            return FormattedText.plain("");
        }
        String html = template.replace("{name}", escape(name)).replace("{mxid}", escape(mxid));
        // HTML collapses the edges' spaces; they matter here ("Dave: " + text), so they are kept aside.
        int start = 0;
        while (start < html.length() && Character.isWhitespace(html.charAt(start))) {
            start++;
        }
        int end = html.length();
        while (end > start && Character.isWhitespace(html.charAt(end - 1))) {
            end--;
        }
        FormattedText core = start == end ? FormattedText.plain("") : MatrixHtmlParser.parseHtml(
                html.substring(start, end));
        return FormattedText.plain(html.substring(0, start)).concat(core)
                .concat(FormattedText.plain(html.substring(end)));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

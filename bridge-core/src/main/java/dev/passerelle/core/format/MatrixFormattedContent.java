package dev.passerelle.core.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The text part of an {@code m.room.message} content, made by {@link MatrixHtmlRenderer}: the plain
 * {@code body}, the {@code org.matrix.custom.html} {@code formatted_body} when there is any formatting (empty
 * for plain text, as Element sends it), and the users mentioned on purpose (MSC3952 {@code m.mentions}).
 */
public record MatrixFormattedContent(String body, Optional<String> formattedBody, List<String> mentionedUserIds) {

    /** The value of {@code format} that goes with {@code formatted_body}. */
    public static final String HTML_FORMAT = "org.matrix.custom.html";

    public MatrixFormattedContent {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(formattedBody, "formattedBody (use Optional.empty() for plain text)");
        mentionedUserIds = List.copyOf(mentionedUserIds);
    }

    /**
     * Writes {@code body}, {@code format} + {@code formatted_body} (when formatted) and {@code m.mentions} into
     * a message content. {@code m.mentions} is always written, empty when nobody is mentioned, so that
     * homeservers do not notify people merely because their name appears in a bridged message.
     */
    public ObjectNode writeTo(ObjectNode content) {
        content.put("body", body);
        formattedBody.ifPresentOrElse(html -> {
            content.put("format", HTML_FORMAT);
            content.put("formatted_body", html);
        }, () -> {
            content.remove("format");
            content.remove("formatted_body");
        });
        ObjectNode mentions = content.putObject("m.mentions");
        if (!mentionedUserIds.isEmpty()) {
            var ids = mentions.putArray("user_ids");
            mentionedUserIds.forEach(ids::add);
        }
        return content;
    }

    /** A complete message content with the given {@code msgtype} ({@code m.text}, {@code m.notice}, ...). */
    public ObjectNode toMessageContent(ObjectMapper mapper, String msgtype) {
        ObjectNode content = mapper.createObjectNode();
        content.put("msgtype", msgtype);
        return writeTo(content);
    }
}

package dev.passerelle.core.bridge;

import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;

/**
 * What a relayed message looks like on the network: the Matrix sender's name in bold, then {@code ": "}, then
 * their text (its formatting moved along), so that the chat sees who wrote it although the relay login sent it.
 * Media get the prefix in their caption (the bold name alone when there is no caption); a location, which has no
 * text, is sent as it is. Pure; does not block.
 */
final class RelayPrefix {

    private RelayPrefix() {
    }

    /** {@code content} with {@code name} in front of its text or caption. */
    static MessageContent apply(String name, MessageContent content) {
        return switch (content) {
            case MessageContent.Text t -> new MessageContent.Text(prefix(name, t.text()), t.kind());
            case MessageContent.Media m -> new MessageContent.Media(m.kind(), m.media(), m.fileName(), m.mimeType(),
                    m.size(), m.dimensions(), m.durationMs(), prefix(name, m.caption()));
            case MessageContent.Location l -> l;
        };
    }

    /** {@code <b>name</b>: text}; the bold name alone when {@code text} is empty. */
    static FormattedText prefix(String name, FormattedText text) {
        if (text.text().isEmpty()) {
            return FormattedText.builder().append(name, EntityType.BOLD).build();
        }
        return FormattedText.builder().append(name, EntityType.BOLD).append(": ").build().concat(text);
    }
}

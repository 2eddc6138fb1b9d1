package dev.passerelle.messenger.msgconv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageContent.MediaKind;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.messenger.format.MessengerFormat;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A webhook {@code message} object → message parts: the text (part {@code ""}, so that edits find it), then one
 * part per attachment ({@code att0}, {@code att1}...): image, video, audio, file, sticker, location, and a fallback
 * (a shared link) as text. Files are fetched from Meta's URL only when the engine bridges them.
 */
public final class ToMatrix {

    private static final Map<String, String> MIME_BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("mp4", "video/mp4"),
            Map.entry("mov", "video/quicktime"), Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"),
            Map.entry("aac", "audio/aac"), Map.entry("ogg", "audio/ogg"), Map.entry("wav", "audio/wav"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("zip", "application/zip"));

    private final Function<URI, MediaSource> download;

    /** @param download opens a file Meta links to */
    public ToMatrix(Function<URI, MediaSource> download) {
        this.download = download;
    }

    /** The parts of {@code message}; a message with nothing bridgeable gives one text part saying so. */
    public List<MessagePart> parts(JsonNode message) {
        List<MessagePart> parts = new ArrayList<>();
        String text = message.path("text").asText("");
        if (!text.isEmpty()) {
            parts.add(new MessagePart("", text(text)));
        }
        JsonNode attachments = message.path("attachments");
        for (int i = 0; i < attachments.size(); i++) {
            attachment(attachments.get(i)).ifPresent(c -> parts.add(new MessagePart("att" + parts.size(), c)));
        }
        if (parts.isEmpty()) {
            parts.add(new MessagePart("", new MessageContent.Text(
                    FormattedText.plain("(a message Messenger sent in a form the bridge cannot show)"),
                    MessageContent.TextKind.NOTICE)));
        }
        return parts;
    }

    public static MessageContent.Text text(String text) {
        return new MessageContent.Text(MessengerFormat.toFormatted(text), MessageContent.TextKind.NORMAL);
    }

    private Optional<MessageContent> attachment(JsonNode attachment) {
        String type = attachment.path("type").asText("");
        JsonNode payload = attachment.path("payload");
        String url = payload.path("url").asText("");
        return switch (type) {
            case "image" -> media(payload.has("sticker_id") ? MediaKind.STICKER : MediaKind.IMAGE, url, "image.jpg");
            case "video" -> media(MediaKind.VIDEO, url, "video.mp4");
            case "audio" -> media(MediaKind.AUDIO, url, "audio.mp3");
            case "file" -> media(MediaKind.FILE, url, "file");
            case "location" -> {
                JsonNode c = payload.path("coordinates");
                yield c.has("lat") && c.has("long")
                        ? Optional.of(new MessageContent.Location(c.path("lat").asDouble(), c.path("long").asDouble(),
                        Optional.ofNullable(attachment.path("title").asText(null))))
                        : Optional.empty();
            }
            case "fallback" -> {
                String title = attachment.path("title").asText(payload.path("title").asText(""));
                String link = attachment.path("url").asText(url);
                String shown = title.isEmpty() ? link : link.isEmpty() ? title : title + "\n" + link;
                yield shown.isEmpty() ? Optional.empty() : Optional.of(text(shown));
            }
            default -> Optional.of(new MessageContent.Text(FormattedText.plain("(a " + type
                    + " attachment, which the bridge cannot show)"), MessageContent.TextKind.NOTICE));
        };
    }

    private Optional<MessageContent> media(MediaKind kind, String url, String defaultName) {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(url);
        String name = Optional.ofNullable(uri.getPath()).map(p -> p.substring(p.lastIndexOf('/') + 1))
                .filter(n -> !n.isBlank()).orElse(defaultName);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String mime = MIME_BY_EXTENSION.getOrDefault(ext, switch (kind) {
            case IMAGE, STICKER -> "image/jpeg";
            case VIDEO, ANIMATION -> "video/mp4";
            case AUDIO, VOICE -> "audio/mpeg";
            case FILE -> "application/octet-stream";
        });
        return Optional.of(new MessageContent.Media(kind, download.apply(uri), name, mime, 0, Optional.empty(),
                Optional.empty(), FormattedText.plain("")));
    }
}

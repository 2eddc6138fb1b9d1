package dev.passerelle.whatsapp.msgconv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageContent.MediaKind;
import dev.passerelle.core.spi.MessageContent.TextKind;
import dev.passerelle.whatsapp.format.WhatsAppFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sidecar's message contents ({@code content} of a {@code message} event) → {@link MessageContent}. Pure apart
 * from media, whose bytes are fetched only when the engine opens the {@link MediaSource}.
 */
public final class ToMatrix {

    /** Downloads a message's media through the sidecar ({@code raw} is the message as the sidecar sent it). */
    @FunctionalInterface
    public interface MediaDownloader {
        MediaSource source(String raw);
    }

    private ToMatrix() {
    }

    public static MessageContent convert(JsonNode content, Optional<String> raw, MediaDownloader media) {
        String kind = content.path("kind").asText();
        return switch (kind) {
            case "text" -> new MessageContent.Text(WhatsAppFormat.parse(content.path("text").asText()), TextKind.NORMAL);
            case "image", "video", "gif", "audio", "voice", "document", "sticker" -> media(kind, content, raw, media);
            case "location" -> new MessageContent.Location(content.path("latitude").asDouble(),
                    content.path("longitude").asDouble(), text(content, "name").or(() -> text(content, "address")));
            case "live_location" -> new MessageContent.Location(content.path("latitude").asDouble(),
                    content.path("longitude").asDouble(), Optional.of("Live location (follow it on WhatsApp)"
                    + text(content, "caption").map(c -> ": " + c).orElse("")));
            case "contacts" -> contacts(content);
            case "poll" -> poll(content);
            case "view_once" -> notice("View-once message: open WhatsApp on your phone to see it (it is not bridged).");
            default -> notice("A WhatsApp message of a kind the bridge does not show yet ("
                    + content.path("type").asText(kind) + "): open WhatsApp to see it.");
        };
    }

    private static MessageContent media(String kind, JsonNode c, Optional<String> raw, MediaDownloader media) {
        MediaKind mediaKind = switch (kind) {
            case "image" -> MediaKind.IMAGE;
            case "video" -> MediaKind.VIDEO;
            case "gif" -> MediaKind.ANIMATION;
            case "audio" -> MediaKind.AUDIO;
            case "voice" -> MediaKind.VOICE;
            case "sticker" -> MediaKind.STICKER;
            default -> MediaKind.FILE;
        };
        if (raw.isEmpty()) {
            return notice("A WhatsApp " + kind + " that could not be downloaded.");
        }
        String mime = c.path("mimetype").asText("application/octet-stream");
        String fileName = text(c, "fileName").orElse(kind + extension(mime));
        Optional<MessageContent.Dimensions> dims = c.has("width") && c.has("height")
                ? Optional.of(new MessageContent.Dimensions(c.path("width").asInt(), c.path("height").asInt()))
                : Optional.empty();
        Optional<Long> duration = c.has("seconds") ? Optional.of(c.path("seconds").asLong() * 1000) : Optional.empty();
        FormattedText caption = text(c, "caption").map(WhatsAppFormat::parse).orElse(FormattedText.plain(""));
        List<Integer> waveform = mediaKind == MediaKind.VOICE ? text(c, "waveform").map(Waveform::toMatrix)
                .orElse(List.of()) : List.of();
        return new MessageContent.Media(mediaKind, media.source(raw.get()), fileName, mime, c.path("size").asLong(0),
                dims, duration, caption, waveform);
    }

    private static MessageContent contacts(JsonNode c) {
        StringBuilder vcards = new StringBuilder();
        String name = "contact";
        for (JsonNode contact : c.path("contacts")) {
            vcards.append(contact.path("vcard").asText()).append('\n');
            name = contact.path("name").asText(name);
        }
        byte[] bytes = vcards.toString().getBytes(StandardCharsets.UTF_8);
        String fileName = (c.path("contacts").size() == 1 ? name : "contacts") + ".vcf";
        return new MessageContent.Media(MediaKind.FILE, () -> new ByteArrayInputStream(bytes), fileName, "text/vcard",
                bytes.length, Optional.empty(), Optional.empty(), FormattedText.plain(""));
    }

    // Option ids are what WhatsApp's votes name (the hash of the option's text), so votes need no lookup.
    private static MessageContent poll(JsonNode c) {
        List<MessageContent.PollOption> options = new ArrayList<>();
        for (JsonNode option : c.path("options")) {
            options.add(new MessageContent.PollOption(option.path("id").asText(), option.path("text").asText()));
        }
        // WhatsApp's 0 means "as many as one likes".
        int selectable = c.path("selectable").asInt(0);
        int max = selectable <= 0 || selectable > options.size() ? Math.max(1, options.size()) : selectable;
        return new MessageContent.Poll(FormattedText.plain(c.path("name").asText()), options, max);
    }

    private static MessageContent notice(String text) {
        return new MessageContent.Text(FormattedText.plain(text), TextKind.NOTICE);
    }

    private static Optional<String> text(JsonNode c, String field) {
        String value = c.path(field).asText("");
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String extension(String mime) {
        String base = mime.split(";")[0].trim();
        return switch (base) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            case "video/mp4" -> ".mp4";
            case "audio/ogg" -> ".ogg";
            case "audio/mpeg" -> ".mp3";
            case "application/pdf" -> ".pdf";
            default -> "";
        };
    }
}

package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.format.MatrixHtmlParser;
import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageContent.Dimensions;
import dev.passerelle.core.spi.MessageContent.MediaKind;
import dev.passerelle.core.spi.MessageContent.TextKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matrix message content ({@code m.room.message} and {@code m.sticker}) → the neutral {@link MessageContent} that
 * connectors send. Network-independent: connectors only see the result. Replies' fallbacks are stripped (the reply
 * itself travels as a reference), HTML is sanitised by the parser, and media are fetched only when the connector
 * opens them.
 */
final class FromMatrix {

    private static final Pattern GEO_URI = Pattern.compile("^geo:(-?\\d+(?:\\.\\d+)?),(-?\\d+(?:\\.\\d+)?)");

    private FromMatrix() {
    }

    /**
     * @param eventType  {@code m.room.message}, {@code m.sticker} or a poll start ({@link ToMatrix#POLL_START})
     * @param content    the event content (for an edit, its {@code m.new_content})
     * @param downloader opens an {@code mxc://} URI from the homeserver
     * @return empty when the content is not something a network can carry (an unknown msgtype, a media event
     *         without a URL, e.g. an encrypted file); the caller tells the user
     */
    static Optional<MessageContent> convert(String eventType, JsonNode content, Function<String, MediaSource> downloader) {
        if (eventType.equals("m.sticker")) {
            return media(MediaKind.STICKER, content, downloader);
        }
        if (eventType.equals(ToMatrix.POLL_START)) {
            return poll(content.path(eventType));
        }
        if (eventType.equals("m.poll.start")) {
            // Stable MSC3381 puts the poll in "m.poll"; early drafts used the event type as the key.
            return poll(content.has("m.poll") ? content.path("m.poll") : content.path(eventType));
        }
        String msgtype = content.path("msgtype").asText("");
        return switch (msgtype) {
            case "m.text" -> Optional.of(new MessageContent.Text(MatrixHtmlParser.parse(content), TextKind.NORMAL));
            case "m.notice" -> Optional.of(new MessageContent.Text(MatrixHtmlParser.parse(content), TextKind.NOTICE));
            case "m.emote" -> Optional.of(new MessageContent.Text(MatrixHtmlParser.parse(content), TextKind.EMOTE));
            case "m.image" -> media(isGif(content) ? MediaKind.ANIMATION : MediaKind.IMAGE, content, downloader);
            case "m.video" -> media(isGif(content) ? MediaKind.ANIMATION : MediaKind.VIDEO, content, downloader);
            case "m.audio" -> media(content.has("org.matrix.msc3245.voice") ? MediaKind.VOICE : MediaKind.AUDIO,
                    content, downloader);
            case "m.file" -> media(MediaKind.FILE, content, downloader);
            case "m.location" -> location(content);
            default -> Optional.empty();
        };
    }

    private static Optional<MessageContent> media(MediaKind kind, JsonNode content,
                                                  Function<String, MediaSource> downloader) {
        String url = content.path("url").asText("");
        if (!url.startsWith("mxc://")) {
            return Optional.empty();
        }
        JsonNode info = content.path("info");
        String body = content.path("body").asText("");
        // Matrix 1.10 captions: with a "filename", "body" is the caption; without one, "body" is the file name.
        Optional<String> fileName = optionalText(content, "filename");
        FormattedText caption = fileName.isPresent() && !fileName.get().equals(body)
                ? MatrixHtmlParser.parse(content) : FormattedText.plain("");
        String name = fileName.orElse(body.isBlank() ? defaultName(kind) : body);
        Optional<Dimensions> dimensions = info.has("w") && info.has("h")
                ? Optional.of(new Dimensions(info.path("w").asInt(), info.path("h").asInt())) : Optional.empty();
        Optional<Long> duration = info.has("duration") ? Optional.of(info.path("duration").asLong()) : Optional.empty();
        List<Integer> waveform = new ArrayList<>();
        if (kind == MediaKind.VOICE) {
            content.path("org.matrix.msc1767.audio").path("waveform")
                    .forEach(v -> waveform.add(Math.clamp(v.asInt(), 0, 1024)));
        }
        return Optional.of(new MessageContent.Media(kind, downloader.apply(url), name,
                info.path("mimetype").asText("application/octet-stream"), info.path("size").asLong(-1),
                dimensions, duration, caption, waveform));
    }

    // mautrix bridges and Beeper mark a GIF sent as video this way; a real GIF file is one too.
    private static boolean isGif(JsonNode content) {
        JsonNode info = content.path("info");
        return info.path("fi.mau.gif").asBoolean(false) || info.path("mimetype").asText("").equals("image/gif");
    }

    // MSC3381: the question and answers each carry their text in MSC1767 form (stable or unstable name).
    private static Optional<MessageContent> poll(JsonNode start) {
        String question = pollText(start.path("question"));
        List<MessageContent.PollOption> options = new ArrayList<>();
        for (JsonNode answer : start.path("answers")) {
            String id = answer.path("id").asText(answer.path("m.id").asText(""));
            String text = pollText(answer);
            if (!id.isEmpty() && !text.isEmpty()) {
                options.add(new MessageContent.PollOption(id, text));
            }
        }
        if (question.isEmpty() || options.size() < 2) {
            return Optional.empty();
        }
        int max = Math.clamp(start.path("max_selections").asInt(1), 1, options.size());
        return Optional.of(new MessageContent.Poll(FormattedText.plain(question), options, max));
    }

    private static String pollText(JsonNode node) {
        JsonNode unstable = node.path(ToMatrix.TEXT);
        if (unstable.isTextual()) {
            return unstable.asText().strip();
        }
        // Stable MSC1767: a list of representations; the plain-text one is wanted.
        for (JsonNode representation : node.path("m.text")) {
            if (representation.path("mimetype").asText("text/plain").equals("text/plain")) {
                return representation.path("body").asText("").strip();
            }
        }
        return "";
    }

    private static Optional<MessageContent> location(JsonNode content) {
        Matcher m = GEO_URI.matcher(content.path("geo_uri").asText(""));
        if (!m.find()) {
            return Optional.empty();
        }
        String body = content.path("body").asText("");
        return Optional.of(new MessageContent.Location(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                body.isBlank() ? Optional.empty() : Optional.of(body)));
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    private static String defaultName(MediaKind kind) {
        return switch (kind) {
            case IMAGE, STICKER -> "image";
            case VIDEO, ANIMATION -> "video";
            case AUDIO, VOICE -> "audio";
            case FILE -> "file";
        };
    }
}

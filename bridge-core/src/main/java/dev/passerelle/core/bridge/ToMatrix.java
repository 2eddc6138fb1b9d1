package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.format.MatrixFormattedContent;
import dev.passerelle.core.format.MatrixHtmlRenderer;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageContent.Location;
import dev.passerelle.core.spi.MessageContent.Media;
import dev.passerelle.core.spi.MessageContent.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Network message content → Matrix event content. Text goes through {@link MatrixHtmlRenderer} (with
 * {@code m.mentions}); media is read from its {@link dev.passerelle.core.spi.MediaSource} and uploaded; a location
 * becomes {@code m.location}. Blocks while media is read and uploaded.
 */
public final class ToMatrix {

    private final ObjectMapper mapper;

    public ToMatrix(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The Matrix event for one part.
     *
     * @param uploader where media bytes go (as the sender)
     * @throws UncheckedIOException when the media cannot be read from the network
     */
    public MatrixEvent convert(MessageContent content, MediaUploader uploader) {
        return switch (content) {
            case Text t -> new MatrixEvent("m.room.message", text(t.text(), msgtype(t.kind())));
            case Media m -> media(m, uploader);
            case Location l -> new MatrixEvent("m.room.message", location(l));
        };
    }

    private ObjectNode text(FormattedText text, String msgtype) {
        return MatrixHtmlRenderer.render(text).toMessageContent(mapper, msgtype);
    }

    private static String msgtype(MessageContent.TextKind kind) {
        return switch (kind) {
            case NORMAL -> "m.text";
            case NOTICE -> "m.notice";
            case EMOTE -> "m.emote";
        };
    }

    private MatrixEvent media(Media m, MediaUploader uploader) {
        byte[] bytes;
        try (InputStream in = m.media().open()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + m.kind().name().toLowerCase(Locale.ROOT) + " "
                    + m.fileName() + " from the network: " + e.getMessage(), e);
        }
        String mxc = uploader.upload(bytes, m.mimeType(), m.fileName());
        ObjectNode content = mapper.createObjectNode();
        String type = "m.room.message";
        switch (m.kind()) {
            case IMAGE -> content.put("msgtype", "m.image");
            case VIDEO -> content.put("msgtype", "m.video");
            case AUDIO -> content.put("msgtype", "m.audio");
            case VOICE -> {
                content.put("msgtype", "m.audio");
                content.putObject("org.matrix.msc3245.voice");
            }
            case FILE -> content.put("msgtype", "m.file");
            case STICKER -> type = "m.sticker";
        }
        if (m.caption().text().isEmpty() || m.kind() == MessageContent.MediaKind.STICKER) {
            content.put("body", m.caption().text().isEmpty() ? m.fileName() : m.caption().text());
        } else {
            // Matrix 1.10 captions: body is the caption, filename the file's name.
            MatrixFormattedContent caption = MatrixHtmlRenderer.render(m.caption());
            caption.writeTo(content);
        }
        if (m.kind() != MessageContent.MediaKind.STICKER) {
            content.put("filename", m.fileName());
        }
        content.put("url", mxc);
        ObjectNode info = content.putObject("info");
        info.put("mimetype", m.mimeType());
        info.put("size", bytes.length);
        m.dimensions().ifPresent(d -> info.put("w", d.width()).put("h", d.height()));
        m.durationMs().ifPresent(ms -> info.put("duration", ms));
        if (m.kind() == MessageContent.MediaKind.VOICE) {
            ObjectNode audio = content.putObject("org.matrix.msc1767.audio");
            m.durationMs().ifPresent(ms -> audio.put("duration", ms));
        }
        return new MatrixEvent(type, content);
    }

    private ObjectNode location(Location l) {
        String geo = "geo:" + coordinate(l.latitude()) + "," + coordinate(l.longitude());
        ObjectNode content = mapper.createObjectNode();
        content.put("msgtype", "m.location");
        content.put("body", l.name().map(n -> n + " (" + geo + ")").orElse("Location: " + geo));
        content.put("geo_uri", geo);
        content.putObject("m.mentions");
        return content;
    }

    private static String coordinate(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}

package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.format.MatrixFormattedContent;
import dev.passerelle.core.format.MatrixHtmlRenderer;
import dev.passerelle.core.matrix.MediaBody;
import dev.passerelle.core.matrix.MediaTooLargeException;
import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageContent.Location;
import dev.passerelle.core.spi.MessageContent.Media;
import dev.passerelle.core.spi.MessageContent.Poll;
import dev.passerelle.core.spi.MessageContent.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Network message content → Matrix event content. Text goes through {@link MatrixHtmlRenderer} (with
 * {@code m.mentions}); media is read from its {@link dev.passerelle.core.spi.MediaSource} (large files through a
 * temporary file) and uploaded, its type detected when the network gave none, or replaced by a notice when it is too
 * large; a location becomes {@code m.location}. Blocks while media is read and uploaded.
 */
public final class ToMatrix {

    private final ObjectMapper mapper;
    private final MediaReader reader;

    /** How a file's bytes are read from the network: at most {@code maxBytes}, else a {@link MediaTooLargeException}. */
    @FunctionalInterface
    interface MediaReader {
        MediaBody read(MediaSource source, long maxBytes) throws IOException;
    }

    /** Media read into memory (tests). */
    public ToMatrix(ObjectMapper mapper) {
        this(mapper, ToMatrix::readIntoMemory);
    }

    /** Media read by {@code reader} (the engine spools large files to disk). */
    ToMatrix(ObjectMapper mapper, MediaReader reader) {
        this.mapper = mapper;
        this.reader = reader;
    }

    /**
     * The Matrix event for one part.
     *
     * @param uploader where media bytes go (as the sender)
     * @throws UncheckedIOException when the media cannot be read from the network
     */
    public MatrixEvent convert(MessageContent content, MediaUploader uploader) {
        return convert(content, uploader, MediaLimit.NONE);
    }

    /**
     * The Matrix event for one part; a file larger than {@code limit} becomes an {@code m.notice} that says so
     * (the file's name, its size when known, and the limit) instead.
     */
    MatrixEvent convert(MessageContent content, MediaUploader uploader, MediaLimit limit) {
        return switch (content) {
            case Text t -> new MatrixEvent("m.room.message", text(t.text(), msgtype(t.kind())));
            case Media m -> media(m, uploader, limit);
            case Location l -> new MatrixEvent("m.room.message", location(l));
            case Poll p -> new MatrixEvent(POLL_START, poll(p));
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

    private MatrixEvent media(Media m, MediaUploader uploader, MediaLimit limit) {
        if (m.size() > limit.bytes()) {
            return tooLarge(m, OptionalLong.of(m.size()), limit);
        }
        MediaBody body;
        try {
            body = reader.read(m.media(), limit.bytes());
        } catch (MediaTooLargeException e) {
            return tooLarge(m, e.size(), limit);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + m.kind().name().toLowerCase(Locale.ROOT) + " "
                    + m.fileName() + " from the network: " + e.getMessage(), e);
        }
        try (body) {
            String mime = m.mimeType();
            if (MimeTypes.isUnknown(mime)) {
                mime = MimeTypes.detect(body.head(MimeTypes.HEAD), m.fileName());
            }
            String mxc;
            try {
                mxc = uploader.upload(body, mime, m.fileName());
            } catch (MediaTooLargeException e) {
                // The homeserver refused it though its config said nothing (or less than the truth).
                return tooLarge(m, OptionalLong.of(body.size()), e.limit() >= 0
                        ? new MediaLimit(e.limit(), "this homeserver") : new MediaLimit(body.size() - 1,
                        "this homeserver"));
            }
            return mediaEvent(m, mxc, mime, body.size());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + m.fileName() + " back from its temporary file: "
                    + e.getMessage(), e);
        }
    }

    // In place of a file too large to bridge: a notice that says what and why, so the Matrix user knows.
    private MatrixEvent tooLarge(Media m, OptionalLong size, MediaLimit limit) {
        String what = m.fileName() + (size.isPresent() ? " (" + MediaTooLargeException.megabytes(size.getAsLong())
                + ")" : "");
        String text = "A file was not bridged: " + what + " is too large; " + limit.describe() + ".";
        return new MatrixEvent("m.room.message", text(FormattedText.plain(text), "m.notice"));
    }

    /** The event type of a poll (MSC3381, unstable prefix). */
    static final String POLL_START = "org.matrix.msc3381.poll.start";
    /** The MSC1767 text field polls use for questions and answers. */
    static final String TEXT = "org.matrix.msc1767.text";

    private MatrixEvent mediaEvent(Media m, String mxc, String mime, long size) {
        ObjectNode content = mapper.createObjectNode();
        String type = "m.room.message";
        switch (m.kind()) {
            case IMAGE -> content.put("msgtype", "m.image");
            case VIDEO -> content.put("msgtype", "m.video");
            case ANIMATION -> content.put("msgtype", mime.equals("image/gif") ? "m.image" : "m.video");
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
        info.put("mimetype", mime);
        info.put("size", size);
        m.dimensions().ifPresent(d -> info.put("w", d.width()).put("h", d.height()));
        m.durationMs().ifPresent(ms -> info.put("duration", ms));
        if (m.kind() == MessageContent.MediaKind.ANIMATION) {
            // How mautrix bridges mark a GIF, so that clients loop it silently without controls.
            for (String flag : List.of("fi.mau.gif", "fi.mau.loop", "fi.mau.autoplay", "fi.mau.hide_controls",
                    "fi.mau.no_audio")) {
                info.put(flag, true);
            }
        }
        if (m.kind() == MessageContent.MediaKind.VOICE) {
            ObjectNode audio = content.putObject("org.matrix.msc1767.audio");
            m.durationMs().ifPresent(ms -> audio.put("duration", ms));
            if (!m.waveform().isEmpty()) {
                ArrayNode waveform = audio.putArray("waveform");
                m.waveform().forEach(waveform::add);
            }
        }
        return new MatrixEvent(type, content);
    }

    private static MediaBody readIntoMemory(MediaSource source, long maxBytes) throws IOException {
        try (InputStream in = source.open()) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 16) + 1);
            if (bytes.length > maxBytes) {
                throw new MediaTooLargeException(maxBytes, OptionalLong.empty());
            }
            return new MediaBody.InMemory(bytes);
        }
    }

    // MSC3381 (unstable names, which is what Element sends and shows) with a text fallback for other clients.
    private ObjectNode poll(Poll p) {
        ObjectNode content = mapper.createObjectNode();
        ObjectNode start = content.putObject(POLL_START);
        start.putObject("question").put(TEXT, p.question().text());
        start.put("kind", "org.matrix.msc3381.poll.disclosed");
        start.put("max_selections", p.maxSelections());
        ArrayNode answers = start.putArray("answers");
        StringBuilder fallback = new StringBuilder(p.question().text());
        int n = 1;
        for (MessageContent.PollOption option : p.options()) {
            answers.addObject().put("id", option.id()).put(TEXT, option.text());
            fallback.append('\n').append(n++).append(". ").append(option.text());
        }
        content.put(TEXT, fallback.toString());
        content.putObject("m.mentions");
        return content;
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

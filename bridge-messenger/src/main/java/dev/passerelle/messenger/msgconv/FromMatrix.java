package dev.passerelle.messenger.msgconv;

import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.messenger.format.MessengerFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Matrix content → what the Send API sends, one request each: texts (cut at Meta's 2,000 characters) and files
 * (uploaded with the request, then their caption as a text). Formatting is dropped: Messenger shows plain text.
 */
public final class FromMatrix {

    private final long maxFileBytes;

    public FromMatrix(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    /** One Send API message. */
    public sealed interface Outgoing {
        /** {@code message.text}. */
        record Text(String text) implements Outgoing {
        }

        /** {@code message.attachment} of {@code type} (image, video, audio, file) with the file uploaded. */
        record File(String type, String fileName, String mimeType, byte[] bytes) implements Outgoing {
        }
    }

    /** @throws NetworkException when a file cannot be read or is too large (permanent: said to the user) */
    public List<Outgoing> convert(MessageContent content) throws NetworkException {
        List<Outgoing> out = new ArrayList<>();
        switch (content) {
            case MessageContent.Text t -> {
                String text = MessengerFormat.toMessenger(t.text());
                if (t.kind() == MessageContent.TextKind.EMOTE) {
                    text = "* " + text;
                }
                MessengerFormat.pieces(text).forEach(p -> out.add(new Outgoing.Text(p)));
            }
            case MessageContent.Media m -> {
                out.add(new Outgoing.File(type(m.kind()), m.fileName(), m.mimeType(), read(m)));
                String caption = MessengerFormat.toMessenger(m.caption());
                if (!caption.isBlank()) {
                    MessengerFormat.pieces(caption).forEach(p -> out.add(new Outgoing.Text(p)));
                }
            }
            case MessageContent.Location l -> out.add(new Outgoing.Text(l.name().map(n -> n + "\n").orElse("")
                    + String.format(Locale.ROOT, "https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f",
                    l.latitude(), l.longitude())));
            // Not in Messenger's capabilities, so the engine refuses polls before they get here.
            case MessageContent.Poll p -> throw new NetworkException("Messenger has no polls; it was not sent.", false);
        }
        return out;
    }

    private static String type(MessageContent.MediaKind kind) {
        return switch (kind) {
            case IMAGE, STICKER -> "image";
            case VIDEO, ANIMATION -> "video";
            case AUDIO, VOICE -> "audio";
            case FILE -> "file";
        };
    }

    private byte[] read(MessageContent.Media m) throws NetworkException {
        try (InputStream in = m.media().open()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
            if (bytes.length > maxFileBytes) {
                throw new NetworkException("The file is larger than Messenger's limit of " + maxFileBytes / (1024 * 1024)
                        + " MB and was not sent.", false);
            }
            return bytes;
        } catch (IOException e) {
            throw new NetworkException("The file could not be read from Matrix (" + e.getMessage() + ").", true, e);
        }
    }
}

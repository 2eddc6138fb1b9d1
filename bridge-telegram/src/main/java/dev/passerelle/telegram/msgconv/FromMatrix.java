package dev.passerelle.telegram.msgconv;

import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.telegram.format.TelegramFormat;
import dev.passerelle.telegram.td.api.InputAnimation;
import dev.passerelle.telegram.td.api.InputDocument;
import dev.passerelle.telegram.td.api.InputPollOption;
import dev.passerelle.telegram.td.api.InputPollType;
import java.util.List;
import dev.passerelle.telegram.td.api.InputFile;
import dev.passerelle.telegram.td.api.InputMessageContent;
import dev.passerelle.telegram.td.api.InputPhoto;
import dev.passerelle.telegram.td.api.InputVideo;
import dev.passerelle.telegram.td.api.TdLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A Matrix message → what TDLib sends. Files are written to a directory of the account's, from where TDLib uploads
 * them; the caller deletes them ({@link Outgoing#close}) once TDLib has sent the message.
 */
public final class FromMatrix {

    private final TelegramFormat format;
    private final Path uploads;

    public FromMatrix(TelegramFormat format, Path uploads) {
        this.format = format;
        this.uploads = uploads;
    }

    /** What to send, and the file to delete after. */
    public record Outgoing(InputMessageContent content, Path file) implements AutoCloseable {
        @Override
        public void close() {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(file.getParent());
                } catch (IOException ignored) {
                    // a left-over upload in the account's directory; removed with it at logout
                }
            }
        }
    }

    public Outgoing convert(MessageContent content) throws NetworkException {
        return switch (content) {
            case MessageContent.Text t -> new Outgoing(new InputMessageContent.Text(
                    format.fromFormattedText(asTelegramText(t)), true), null);
            case MessageContent.Location l -> new Outgoing(new InputMessageContent.Location(
                    new TdLocation(l.latitude(), l.longitude())), null);
            case MessageContent.Media m -> media(m);
            case MessageContent.Poll p -> poll(p, false);
        };
    }

    /**
     * A poll as Telegram takes it: a regular poll, public (non-anonymous) so that votes can be bridged back, except
     * where Telegram allows anonymous polls only ({@code anonymous}: channels); 2–12 answers (a clear refusal
     * otherwise).
     */
    public Outgoing poll(MessageContent.Poll p, boolean anonymous) throws NetworkException {
        if (p.options().size() < 2 || p.options().size() > 12) {
            throw new NetworkException("Telegram polls have 2 to 12 answers; this one has " + p.options().size()
                    + ". Edit the poll and send it again.", false);
        }
        List<InputPollOption> options = p.options().stream()
                .map(o -> new InputPollOption(format.fromFormattedText(FormattedText.plain(o.text())))).toList();
        return new Outgoing(new InputMessageContent.Poll(format.fromFormattedText(p.question()), options, anonymous,
                p.maxSelections() > 1, new InputPollType.Regular(false)), null);
    }

    /** An emote is sent as "/me"-style text, as Telegram has no emotes. */
    private static FormattedText asTelegramText(MessageContent.Text t) {
        return t.kind() == MessageContent.TextKind.EMOTE ? FormattedText.plain("* ").concat(t.text()) : t.text();
    }

    private Outgoing media(MessageContent.Media m) throws NetworkException {
        Path file = save(m);
        InputFile input = new InputFile.Local(file.toString());
        var caption = format.fromFormattedText(m.caption());
        int width = m.dimensions().map(MessageContent.Dimensions::width).orElse(0);
        int height = m.dimensions().map(MessageContent.Dimensions::height).orElse(0);
        int seconds = (int) (m.durationMs().orElse(0L) / 1000);
        InputMessageContent content = switch (m.kind()) {
            case IMAGE -> new InputMessageContent.Photo(new InputPhoto(input, width, height), caption);
            case VIDEO -> new InputMessageContent.Video(new InputVideo(input, seconds, width, height, true), caption);
            case ANIMATION -> new InputMessageContent.Animation(new InputAnimation(input, seconds, width, height),
                    caption);
            case VOICE -> new InputMessageContent.VoiceNote(input, seconds, Waveform.toTelegram(m.waveform()),
                    caption);
            case STICKER -> new InputMessageContent.Sticker(input, width, height);
            case AUDIO, FILE -> new InputMessageContent.Document(new InputDocument(input, false), caption);
        };
        return new Outgoing(content, file);
    }

    private Path save(MessageContent.Media m) throws NetworkException {
        try {
            Files.createDirectories(uploads);
            Path dir = Files.createTempDirectory(uploads, "up");
            // TDLib names the document after the file: keep the Matrix file name, without any path in it
            String name = Path.of(m.fileName().isBlank() ? "file" : m.fileName()).getFileName().toString();
            Path file = dir.resolve(name);
            try (InputStream in = m.media().open()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new NetworkException("Could not read the file to send to Telegram: " + e.getMessage(), true, e);
        }
    }
}

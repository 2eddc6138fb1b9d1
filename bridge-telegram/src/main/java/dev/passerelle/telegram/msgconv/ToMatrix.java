package dev.passerelle.telegram.msgconv;

import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessageContent.Dimensions;
import dev.passerelle.core.spi.MessageContent.MediaKind;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.telegram.format.TelegramFormat;
import dev.passerelle.telegram.td.api.MessageContent.Animation;
import dev.passerelle.telegram.td.api.MessageContent.Audio;
import dev.passerelle.telegram.td.api.MessageContent.ChatAddMembers;
import dev.passerelle.telegram.td.api.MessageContent.ChatChangeTitle;
import dev.passerelle.telegram.td.api.MessageContent.ChatDeleteMember;
import dev.passerelle.telegram.td.api.MessageContent.ChatJoinByLink;
import dev.passerelle.telegram.td.api.MessageContent.ChatUpgradeFrom;
import dev.passerelle.telegram.td.api.MessageContent.ChatUpgradeTo;
import dev.passerelle.telegram.td.api.MessageContent.Call;
import dev.passerelle.telegram.td.api.MessageContent.ForumTopicCreated;
import dev.passerelle.telegram.td.api.MessageContent.VideoChatEnded;
import dev.passerelle.telegram.td.api.MessageContent.VideoChatStarted;
import dev.passerelle.telegram.td.api.MessageContent.Poll;
import dev.passerelle.telegram.td.api.TdPoll;
import java.util.ArrayList;
import dev.passerelle.telegram.td.api.MessageContent.Contact;
import dev.passerelle.telegram.td.api.MessageContent.Dice;
import dev.passerelle.telegram.td.api.MessageContent.Document;
import dev.passerelle.telegram.td.api.MessageContent.Location;
import dev.passerelle.telegram.td.api.MessageContent.Photo;
import dev.passerelle.telegram.td.api.MessageContent.PinMessage;
import dev.passerelle.telegram.td.api.MessageContent.Sticker;
import dev.passerelle.telegram.td.api.MessageContent.Text;
import dev.passerelle.telegram.td.api.MessageContent.Venue;
import dev.passerelle.telegram.td.api.MessageContent.Video;
import dev.passerelle.telegram.td.api.MessageContent.VideoNote;
import dev.passerelle.telegram.td.api.MessageContent.VoiceNote;
import dev.passerelle.telegram.td.api.PhotoSize;
import dev.passerelle.telegram.td.api.StickerFormat;
import dev.passerelle.telegram.td.api.TdFile;
import dev.passerelle.telegram.td.api.TdFormattedText;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A Telegram message's content → the parts of a bridged message. Files are fetched only when the engine opens
 * them ({@code downloadFile}). What Matrix has no event for (contacts, dice, service messages) becomes readable
 * text; service messages are notices.
 */
public final class ToMatrix {

    private final TelegramFormat format;
    private final Function<TdFile, MediaSource> files;
    private final LongFunction<String> userName;

    /**
     * @param files    how to get a file's bytes
     * @param userName a user's name for service messages ("Alice added Bob")
     */
    public ToMatrix(TelegramFormat format, Function<TdFile, MediaSource> files, LongFunction<String> userName) {
        this.format = format;
        this.files = files;
        this.userName = userName;
    }

    public List<MessagePart> parts(dev.passerelle.telegram.td.api.MessageContent content) {
        return List.of(MessagePart.only(convert(content)));
    }

    public MessageContent convert(dev.passerelle.telegram.td.api.MessageContent content) {
        if (content == null) {
            return notice("(a kind of Telegram message the bridge cannot show yet; open Telegram to see it)");
        }
        return switch (content) {
            case Text t -> new MessageContent.Text(format.toFormattedText(t.text()), MessageContent.TextKind.NORMAL);
            case Photo p -> {
                PhotoSize biggest = p.photo().sizes().stream()
                        .max(Comparator.comparingInt(s -> s.width() * s.height())).orElseThrow();
                yield media(MediaKind.IMAGE, biggest.photo(), "photo.jpg", "image/jpeg",
                        Optional.of(new Dimensions(biggest.width(), biggest.height())), Optional.empty(), p.caption());
            }
            case Video v -> media(MediaKind.VIDEO, v.video().video(), name(v.video().fileName(), "video.mp4"),
                    mime(v.video().mimeType(), "video/mp4"), dims(v.video().width(), v.video().height()),
                    seconds(v.video().duration()), v.caption());
            case Animation a -> media(MediaKind.ANIMATION, a.animation().animation(),
                    name(a.animation().fileName(), "animation.mp4"), mime(a.animation().mimeType(), "video/mp4"),
                    dims(a.animation().width(), a.animation().height()), seconds(a.animation().duration()),
                    a.caption());
            case Audio a -> media(MediaKind.AUDIO, a.audio().audio(), name(a.audio().fileName(), "audio.mp3"),
                    mime(a.audio().mimeType(), "audio/mpeg"), Optional.empty(), seconds(a.audio().duration()),
                    a.caption());
            case Document d -> media(MediaKind.FILE, d.document().document(), name(d.document().fileName(), "file"),
                    mime(d.document().mimeType(), "application/octet-stream"), Optional.empty(), Optional.empty(),
                    d.caption());
            case VoiceNote v -> new MessageContent.Media(MediaKind.VOICE, files.apply(v.voiceNote().voice()),
                    "voice.ogg", mime(v.voiceNote().mimeType(), "audio/ogg"), v.voiceNote().voice().size(),
                    Optional.empty(), seconds(v.voiceNote().duration()), caption(v.caption()),
                    Waveform.toMatrix(v.voiceNote().waveform()));
            case VideoNote v -> media(MediaKind.VIDEO, v.videoNote().video(), "video-note.mp4", "video/mp4",
                    dims(v.videoNote().length(), v.videoNote().length()), seconds(v.videoNote().duration()), null);
            case Sticker s -> sticker(s);
            case Location l -> new MessageContent.Location(l.location().latitude(), l.location().longitude(),
                    Optional.empty());
            case Venue v -> new MessageContent.Location(v.venue().location().latitude(),
                    v.venue().location().longitude(), Optional.of(v.venue().title()
                    + (v.venue().address().isBlank() ? "" : ", " + v.venue().address())));
            case Contact c -> text("Contact: " + (c.contact().firstName() + " " + c.contact().lastName()).strip()
                    + (c.contact().phoneNumber().isBlank() ? "" : ", +" + c.contact().phoneNumber().replaceFirst("^\\+", "")));
            case Dice d -> text(d.emoji() + " rolled " + d.value());
            case ChatChangeTitle t -> notice("changed the chat's name to " + t.title());
            case ChatAddMembers a -> notice("added " + String.join(", ",
                    a.memberUserIds().stream().map(userName::apply).toList()));
            case ChatJoinByLink j -> notice("joined the chat with an invite link");
            case ChatDeleteMember d -> notice("removed " + userName.apply(d.userId()));
            case PinMessage p -> notice("pinned a message");
            case ChatUpgradeTo u -> notice("upgraded the group to a supergroup");
            case ChatUpgradeFrom u -> notice("the group \"" + u.title() + "\" continues here as a supergroup");
            case Poll p -> poll(p.poll());
            case ForumTopicCreated t -> notice("created the topic " + t.name());
            case Call c -> notice(CallNotices.call(c));
            case VideoChatStarted v -> notice("started a video chat");
            case VideoChatEnded v -> notice("ended the video chat (" + CallNotices.duration(v.duration()) + ")");
        };
    }

    /** Options are named by their position, which is what a vote sends back ({@code setPollAnswer}). */
    private MessageContent poll(TdPoll poll) {
        List<MessageContent.PollOption> options = new ArrayList<>();
        for (int i = 0; i < poll.options().size(); i++) {
            options.add(new MessageContent.PollOption(Integer.toString(i),
                    poll.options().get(i).text().text()));
        }
        return new MessageContent.Poll(format.toFormattedText(poll.question()), options,
                poll.allowsMultipleAnswers() ? options.size() : 1);
    }

    private MessageContent sticker(Sticker s) {
        var st = s.sticker();
        FormattedText fallback = FormattedText.plain(st.emoji());
        return switch (st.format()) {
            case StickerFormat.Webp w -> media(MediaKind.STICKER, st.sticker(), "sticker.webp", "image/webp",
                    dims(st.width(), st.height()), Optional.empty(), fallback);
            case StickerFormat.Webm w -> media(MediaKind.VIDEO, st.sticker(), "sticker.webm", "video/webm",
                    dims(st.width(), st.height()), Optional.empty(), fallback);
            // Lottie animations: no Matrix client plays them; the file for those who can, the emoji for the rest
            case StickerFormat.Tgs t -> media(MediaKind.FILE, st.sticker(), "sticker.tgs", "application/x-tgsticker",
                    Optional.empty(), Optional.empty(), fallback);
            case null -> text(st.emoji() + " (sticker)");
        };
    }

    private MessageContent media(MediaKind kind, TdFile file, String name, String mime, Optional<Dimensions> dims,
                                 Optional<Long> durationMs, Object caption) {
        return new MessageContent.Media(kind, files.apply(file), name, mime, file.size(), dims, durationMs,
                caption(caption));
    }

    private FormattedText caption(Object caption) {
        return switch (caption) {
            case TdFormattedText t -> format.toFormattedText(t);
            case FormattedText f -> f;
            case null, default -> FormattedText.plain("");
        };
    }

    private static MessageContent text(String text) {
        return new MessageContent.Text(FormattedText.plain(text), MessageContent.TextKind.NORMAL);
    }

    private static MessageContent notice(String text) {
        return new MessageContent.Text(FormattedText.plain(text), MessageContent.TextKind.NOTICE);
    }

    private static Optional<Dimensions> dims(int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new Dimensions(width, height)) : Optional.empty();
    }

    private static Optional<Long> seconds(int seconds) {
        return seconds > 0 ? Optional.of(seconds * 1000L) : Optional.empty();
    }

    private static String name(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }

    private static String mime(String mime, String fallback) {
        return mime == null || mime.isBlank() ? fallback : mime;
    }

}

package dev.passerelle.telegram;

import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.telegram.td.api.Message;
import dev.passerelle.telegram.td.api.MessageContent;
import dev.passerelle.telegram.td.api.MessageSender;
import dev.passerelle.telegram.td.api.TdFormattedText;
import dev.passerelle.telegram.td.api.TdTypes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The message ids the bridge records, for one login. In supergroups, channels and private chats it is TDLib's id.
 * In basic groups every account numbers the messages on its own, yet the portal is shared: there a message gets an
 * id that every member's login computes alike — its date, its sender, a digest of its kind and text — with an
 * occurrence number for identical ones (the same text twice in one second), and this login's own id is mapped to
 * it both ways in the connector store. So a message seen by two logins is one Matrix event, and an edit, deletion or
 * reaction from either login finds it.
 */
final class MessageIds {

    /** TDLib's chat ids: basic groups are -id, supergroups and channels -10^12 - id, secret chats lower still. */
    private static final long SUPERGROUP_ZERO = -1_000_000_000_000L;

    private final ConnectorStore store;
    private final String loginId;

    MessageIds(ConnectorStore store, String loginId) {
        this.store = store;
        this.loginId = loginId;
    }

    static boolean isBasicGroup(long chatId) {
        return chatId < 0 && chatId > SUPERGROUP_ZERO;
    }

    /** The recorded id of {@code message}, given to it now if this login has not seen it yet. */
    synchronized String bridged(Message message) {
        if (!isBasicGroup(message.chatId())) {
            return Long.toString(message.id());
        }
        Optional<String> known = read(localName(message.chatId(), message.id()));
        if (known.isPresent()) {
            return known.get();
        }
        String base = message.date() + "-" + sender(message.senderId(), message.chatId()) + "-"
                + digest(message.content());
        for (int occurrence = 1; ; occurrence++) {
            String id = occurrence == 1 ? base : base + "-" + occurrence;
            // an id this login already gave to another of its messages is an identical message sent just before
            if (read(bridgedName(message.chatId(), id)).isEmpty()) {
                store.update(loginId, java.util.Map.of(
                        localName(message.chatId(), message.id()), Optional.of(bytes(id)),
                        bridgedName(message.chatId(), id), Optional.of(bytes(Long.toString(message.id())))));
                return id;
            }
        }
    }

    /** The recorded id of this login's message {@code messageId}, for updates that name it (edits, deletions...). */
    String bridged(long chatId, long messageId) {
        if (!isBasicGroup(chatId)) {
            return Long.toString(messageId);
        }
        return read(localName(chatId, messageId)).orElse(Long.toString(messageId));
    }

    /** This login's TDLib id of the recorded message {@code bridgedId}. */
    long local(long chatId, String bridgedId) throws NetworkException {
        Optional<Long> local = localIfKnown(chatId, bridgedId);
        if (local.isPresent()) {
            return local.get();
        }
        throw new NetworkException("Your Telegram account has not seen this message of the group (it arrived"
                + " through another member's login before you joined, or was deleted); act on it in Telegram.",
                false);
    }

    /** Like {@link #local} without failing: empty when this login has not seen the message. */
    Optional<Long> localIfKnown(long chatId, String bridgedId) throws NetworkException {
        if (!isBasicGroup(chatId) || bridgedId.matches("-?\\d+")) {
            // TDLib's own id (also what basic groups had before ids were shared between logins)
            return Optional.of(TelegramIds.messageId(bridgedId));
        }
        return read(bridgedName(chatId, bridgedId)).map(Long::parseLong);
    }

    private static String localName(long chatId, long messageId) {
        return "basic-group-id:" + chatId + ":" + messageId;
    }

    private static String bridgedName(long chatId, String bridgedId) {
        return "basic-group-local:" + chatId + ":" + bridgedId;
    }

    private Optional<String> read(String name) {
        return store.get(loginId, name).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sender(MessageSender sender, long chatId) {
        return switch (sender) {
            case MessageSender.User u -> Long.toString(u.userId());
            case MessageSender.Chat c -> "c" + c.chatId();
            case null -> "c" + chatId;
        };
    }

    /** The kind and the text every member sees alike (file ids differ between accounts, so files are left out). */
    private static String digest(MessageContent content) {
        String kind = content == null ? "unknown" : TdTypes.nameOf(content.getClass());
        String text = switch (content) {
            case MessageContent.Text t -> text(t.text());
            case MessageContent.Photo p -> text(p.caption());
            case MessageContent.Video v -> text(v.caption());
            case MessageContent.Animation a -> text(a.caption());
            case MessageContent.Audio a -> text(a.caption());
            case MessageContent.Document d -> text(d.caption());
            case MessageContent.VoiceNote v -> text(v.caption());
            case MessageContent.Poll p -> text(p.poll().question());
            case null, default -> "";
        };
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes(kind + "\n" + text));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String text(TdFormattedText text) {
        return text == null ? "" : text.text();
    }
}

package dev.passerelle.telegram.format;

import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.telegram.td.api.TdFormattedText;
import dev.passerelle.telegram.td.api.TextEntity;
import dev.passerelle.telegram.td.api.TextEntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Telegram's {@code formattedText} ⇄ the bridge's {@link FormattedText}. Both count offsets in UTF-16 code units,
 * so ranges carry over as they are. Styles Matrix has no notion of (hashtags, bot commands, phone numbers, media
 * timestamps) stay plain text; a custom emoji's text already is its fallback emoji.
 */
public final class TelegramFormat {

    private final Mentions mentions;

    public TelegramFormat(Mentions mentions) {
        this.mentions = mentions;
    }

    /** Telegram → Matrix. */
    public FormattedText toFormattedText(TdFormattedText td) {
        String text = td.text();
        List<Entity> entities = new ArrayList<>();
        for (TextEntity e : td.entities() == null ? List.<TextEntity>of() : td.entities()) {
            if (e.length() <= 0 || e.offset() < 0 || e.offset() + e.length() > text.length()) {
                continue; // TDLib never sends these; a fake or a future version might
            }
            String covered = text.substring(e.offset(), e.offset() + e.length());
            toEntityType(e.type(), covered).ifPresent(t -> entities.add(new Entity(e.offset(), e.length(), t)));
        }
        return new FormattedText(text, entities);
    }

    private Optional<EntityType> toEntityType(TextEntityType type, String covered) {
        if (type == null) {
            return Optional.empty(); // a kind this TDLib version added after ours
        }
        return switch (type) {
            case TextEntityType.Bold b -> Optional.of(EntityType.BOLD);
            case TextEntityType.Italic i -> Optional.of(EntityType.ITALIC);
            case TextEntityType.Underline u -> Optional.of(EntityType.UNDERLINE);
            case TextEntityType.Strikethrough s -> Optional.of(EntityType.STRIKETHROUGH);
            case TextEntityType.Spoiler s -> Optional.of(new EntityType.Spoiler(Optional.empty()));
            case TextEntityType.Code c -> Optional.of(EntityType.CODE);
            case TextEntityType.Pre p -> Optional.of(new EntityType.Pre(Optional.empty()));
            case TextEntityType.PreCode p -> Optional.of(new EntityType.Pre(
                    p.language() == null || p.language().isBlank() ? Optional.empty() : Optional.of(p.language())));
            case TextEntityType.BlockQuote q -> Optional.of(EntityType.BLOCKQUOTE);
            case TextEntityType.ExpandableBlockQuote q -> Optional.of(EntityType.BLOCKQUOTE);
            case TextEntityType.TextUrl u -> Optional.of(new EntityType.Link(u.url()));
            case TextEntityType.Url u -> Optional.of(new EntityType.Link(withScheme(covered)));
            case TextEntityType.EmailAddress m -> Optional.of(new EntityType.Link("mailto:" + covered));
            case TextEntityType.MentionName m -> mentions.matrixUser(m.userId()).map(EntityType.UserMention::new);
            case TextEntityType.Mention m ->
                    mentions.matrixUserByUsername(covered.substring(1)).map(EntityType.UserMention::new);
            case TextEntityType.Hashtag h -> Optional.empty();
            case TextEntityType.Cashtag c -> Optional.empty();
            case TextEntityType.BotCommand c -> Optional.empty();
            case TextEntityType.PhoneNumber p -> Optional.empty();
            case TextEntityType.BankCardNumber c -> Optional.empty();
            case TextEntityType.CustomEmoji c -> Optional.empty();
            case TextEntityType.MediaTimestamp t -> Optional.empty();
        };
    }

    /** Matrix → Telegram. */
    public TdFormattedText fromFormattedText(FormattedText formatted) {
        String text = formatted.text();
        List<TextEntity> entities = new ArrayList<>();
        for (Entity e : formatted.entities()) {
            fromEntityType(e.type(), formatted.textOf(e))
                    .ifPresent(t -> entities.add(new TextEntity(e.offset(), e.length(), t)));
        }
        return new TdFormattedText(text, entities);
    }

    private Optional<TextEntityType> fromEntityType(EntityType type, String covered) {
        return switch (type) {
            case EntityType.Bold b -> Optional.of(new TextEntityType.Bold());
            case EntityType.Italic i -> Optional.of(new TextEntityType.Italic());
            case EntityType.Underline u -> Optional.of(new TextEntityType.Underline());
            case EntityType.Strikethrough s -> Optional.of(new TextEntityType.Strikethrough());
            case EntityType.Spoiler s -> Optional.of(new TextEntityType.Spoiler());
            case EntityType.Code c -> Optional.of(new TextEntityType.Code());
            case EntityType.Pre p -> Optional.of(p.language().<TextEntityType>map(TextEntityType.PreCode::new)
                    .orElse(new TextEntityType.Pre()));
            case EntityType.Blockquote q -> Optional.of(new TextEntityType.BlockQuote());
            // A link whose text is its address is found by Telegram itself, as a url or email entity.
            case EntityType.Link l -> isOwnAddress(l.url(), covered) ? Optional.empty()
                    : Optional.of(new TextEntityType.TextUrl(l.url()));
            case EntityType.UserMention m ->
                    mentions.telegramUser(m.userId()).map(TextEntityType.MentionName::new);
        };
    }

    private static boolean isOwnAddress(String url, String covered) {
        return url.equals(covered) || url.equals(withScheme(covered)) || url.equals("mailto:" + covered);
    }

    private static String withScheme(String address) {
        return address.matches("(?i)^[a-z][a-z0-9+.-]*://.*") ? address : "http://" + address;
    }
}

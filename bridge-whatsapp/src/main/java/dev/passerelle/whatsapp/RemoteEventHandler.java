package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.GhostUserIds;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.Sender;
import dev.passerelle.whatsapp.msgconv.ToMatrix;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's chat events of one login → {@link RemoteEvent}s. People are named by their unified remote id
 * ({@link IdentityMap}), so a DM portal and a ghost stay the same whether WhatsApp addressed the message by phone
 * number or by LID.
 */
final class RemoteEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteEventHandler.class);
    private static final Duration TYPING_TIMEOUT = Duration.ofSeconds(15);

    private final String loginId;
    private final IdentityMap identities;
    private final Contacts contacts;
    private final ToMatrix.MediaDownloader media;
    private final SentKeys keys;
    private final GhostUserIds ghosts;

    RemoteEventHandler(String loginId, IdentityMap identities, Contacts contacts, ToMatrix.MediaDownloader media,
                       SentKeys keys, GhostUserIds ghosts) {
        this.ghosts = ghosts;
        this.loginId = loginId;
        this.identities = identities;
        this.contacts = contacts;
        this.media = media;
        this.keys = keys;
    }

    /** The events for one sidecar event; empty for what is not bridged. */
    List<RemoteEvent> convert(String event, JsonNode d) {
        return switch (event) {
            case "message" -> message(d).<List<RemoteEvent>>map(List::of).orElse(List.of());
            case "edit" -> List.of(new RemoteEvent.Edit(portal(d), sender(d), d.path("target").asText(), "",
                    time(d), ToMatrix.convert(d.path("content"), Optional.empty(), media)));
            case "delete" -> List.of(new RemoteEvent.MessageDeleted(portal(d), sender(d), d.path("target").asText(),
                    time(d)));
            case "reaction" -> reaction(d);
            case "poll_vote" -> pollVote(d);
            case "presence" -> {
                String who = identities.resolve(d.path("user").asText(), Optional.empty());
                long lastSeen = d.path("lastSeen").asLong(0);
                // Our own presence is the Matrix user's, not WhatsApp's to set.
                yield who.equals(loginId) ? List.of() : List.of(new RemoteEvent.Presence(who,
                        d.path("online").asBoolean(), lastSeen > 0 ? Optional.of(Instant.ofEpochMilli(lastSeen))
                        : Optional.empty(), Instant.now()));
            }
            case "receipt" -> {
                String reader = identities.resolve(d.path("reader").asText(), Optional.empty());
                boolean me = reader.equals(loginId);
                yield List.of(new RemoteEvent.ReadReceipt(portal(d), new Sender(me ? loginId : reader, me),
                        d.path("target").asText(), time(d)));
            }
            case "typing" -> {
                String who = identities.resolve(d.path("sender").asText(), Optional.empty());
                boolean typing = !d.path("state").asText().equals("stopped");
                yield List.of(new RemoteEvent.Typing(portal(d), new Sender(who, who.equals(loginId)), typing,
                        TYPING_TIMEOUT, Instant.now()));
            }
            default -> List.of();
        };
    }

    // WhatsApp's removal names no emoji (one reaction per person and message): the engine removes theirs.
    private List<RemoteEvent> reaction(JsonNode d) {
        PortalRef portal = portal(d);
        Sender sender = sender(d);
        String target = d.path("target").asText();
        if (d.path("removed").asBoolean()) {
            return List.of(new RemoteEvent.ReactionRemoved(portal, sender, target, Optional.empty(), time(d)));
        }
        return List.of(new RemoteEvent.Reaction(portal, sender, target, d.path("emoji").asText(), time(d)));
    }

    private List<RemoteEvent> pollVote(JsonNode d) {
        if (d.has("error")) {
            // A poll from before the link (its secret was never seen), or a vote that does not decrypt.
            LOG.warn("A WhatsApp poll vote in {} for login {} could not be read, so it is not shown: {}",
                    d.path("chat").asText(), loginId, d.path("error").asText());
            return List.of();
        }
        List<String> options = new ArrayList<>();
        d.path("options").forEach(o -> options.add(o.asText()));
        return List.of(new RemoteEvent.PollVote(portal(d), sender(d), d.path("target").asText(), options, time(d)));
    }

    /** A sidecar {@code message} (live or from the history sync) → a message event; empty without an id. */
    Optional<RemoteEvent.Message> message(JsonNode d) {
        String id = d.path("id").asText("");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Sender sender = sender(d);
        if (!sender.fromMe()) {
            String pushName = d.path("pushName").asText("");
            if (!pushName.isEmpty()) {
                contacts.remember(sender.remoteUserId(), pushName);
            }
        }
        PortalRef portal = portal(d);
        keys.remember(portal.chatId(), id, sender.fromMe(), sender.fromMe() ? Optional.empty()
                : Optional.of(WhatsAppIds.jidOf(sender.remoteUserId())));
        Optional<String> raw = Optional.of(d.path("raw").asText("")).filter(s -> !s.isEmpty());
        List<Mentioned> mentioned = new ArrayList<>();
        var content = withPills(ToMatrix.convert(withMentionNames(d, mentioned), raw, media), mentioned);
        Optional<String> replyTo = Optional.of(d.path("replyTo").path("id").asText("")).filter(s -> !s.isEmpty());
        return Optional.of(new RemoteEvent.Message(portal, sender, id, time(d), List.of(MessagePart.only(content)),
                replyTo, Optional.empty()));
    }

    /** A mention as the Matrix text shows it ({@code @Bob}) and the person it names. */
    private record Mentioned(String written, String remoteUserId) {
    }

    // WhatsApp writes a mention as @<number> (or @<lid>) in the text: show the person's name instead.
    private JsonNode withMentionNames(JsonNode d, List<Mentioned> mentioned) {
        JsonNode content = d.path("content");
        if (!d.has("mentions") || !content.has("text")) {
            return content;
        }
        String text = content.path("text").asText();
        for (JsonNode jid : d.path("mentions")) {
            String id = identities.resolve(jid.asText(), Optional.empty());
            String name = contacts.nameOf(id).or(() -> WhatsAppIds.phoneOf(id)).orElse(id);
            String written = "@" + WhatsAppIds.user(jid.asText());
            if (text.contains(written)) {
                text = text.replace(written, "@" + name);
                mentioned.add(new Mentioned("@" + name, id));
            }
        }
        return ((com.fasterxml.jackson.databind.node.ObjectNode) content.deepCopy()).put("text", text);
    }

    /** Each mention becomes a pill of the person's ghost (where the engine names ghosts, i.e. always but in tests). */
    private MessageContent withPills(MessageContent content, List<Mentioned> mentioned) {
        if (mentioned.isEmpty() || !(content instanceof MessageContent.Text t)) {
            return content;
        }
        String text = t.text().text();
        List<Entity> entities = new ArrayList<>(t.text().entities());
        for (Mentioned m : mentioned) {
            Optional<String> ghost = ghosts.userId(m.remoteUserId());
            for (int at = text.indexOf(m.written()); at >= 0 && ghost.isPresent();
                 at = text.indexOf(m.written(), at + m.written().length())) {
                entities.add(new Entity(at, m.written().length(), new EntityType.UserMention(ghost.get())));
            }
        }
        return new MessageContent.Text(new FormattedText(text, entities), t.kind());
    }

    /** A group is one portal for every login in it; a DM is this login's, named after the other person. */
    PortalRef portal(JsonNode d) {
        String chat = d.path("chat").asText();
        if (WhatsAppIds.isGroup(chat)) {
            return PortalRef.shared(chat);
        }
        return PortalRef.ofLogin(identities.resolve(chat, alt(d, "chatAlt")), loginId);
    }

    private Sender sender(JsonNode d) {
        if (d.path("fromMe").asBoolean()) {
            return new Sender(loginId, true);
        }
        String who = identities.resolve(d.path("sender").asText(d.path("chat").asText()), alt(d, "senderAlt"));
        return new Sender(who, who.equals(loginId));
    }

    private static Optional<String> alt(JsonNode d, String field) {
        String value = d.path(field).asText("");
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Instant time(JsonNode d) {
        long ms = d.path("timestamp").asLong(0);
        return ms > 0 ? Instant.ofEpochMilli(ms) : Instant.now();
    }
}

package dev.passerelle.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.MessagePart;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.Sender;
import dev.passerelle.messenger.msgconv.ToMatrix;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook {@code messaging} item of a Page → remote events. A conversation is the Page and one person: its chat
 * id is the person's page-scoped id (PSID), its portal belongs to the Page's login. What the Page sends from
 * elsewhere (Meta Business Suite, another app) arrives as an echo and is bridged as the Page's ghost; echoes of
 * what the bridge sent are skipped.
 */
final class RemoteEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteEventHandler.class);
    /** Put in the {@code metadata} of every message the bridge sends, so that its echo is recognised. */
    static final String OWN_METADATA = "passerelle";

    private final String pageId;
    private final ToMatrix toMatrix;
    private final ConversationMemory memory;

    RemoteEventHandler(String pageId, ToMatrix toMatrix, ConversationMemory memory) {
        this.pageId = pageId;
        this.toMatrix = toMatrix;
        this.memory = memory;
    }

    List<RemoteEvent> events(JsonNode item) {
        String senderId = item.path("sender").path("id").asText("");
        String recipientId = item.path("recipient").path("id").asText("");
        boolean fromPage = senderId.equals(pageId);
        String chat = fromPage ? recipientId : senderId;
        if (chat.isEmpty()) {
            LOG.warn("A webhook item of page {} names no person; ignored", pageId);
            return List.of();
        }
        PortalRef portal = PortalRef.ofLogin(chat, pageId);
        Sender sender = new Sender(senderId, false);
        Instant time = Instant.ofEpochMilli(item.path("timestamp").asLong(System.currentTimeMillis()));
        if (item.has("message")) {
            return message(portal, sender, chat, fromPage, time, item.path("message"));
        }
        if (item.has("message_edit")) {
            JsonNode edit = item.path("message_edit");
            return List.of(new RemoteEvent.Edit(portal, sender, edit.path("mid").asText(), "", time,
                    ToMatrix.text(edit.path("text").asText(""))));
        }
        if (item.has("reaction")) {
            return reaction(portal, sender, time, item.path("reaction"));
        }
        if (item.has("read")) {
            Instant watermark = Instant.ofEpochMilli(item.path("read").path("watermark").asLong());
            return memory.lastPageMessageUpTo(chat, watermark)
                    .<List<RemoteEvent>>map(mid -> List.of(new RemoteEvent.ReadReceipt(portal, sender, mid, time)))
                    .orElse(List.of());
        }
        if (item.has("postback")) {
            JsonNode postback = item.path("postback");
            String mid = postback.path("mid").asText("postback-" + senderId + "-" + time.toEpochMilli());
            String title = postback.path("title").asText(postback.path("payload").asText(""));
            return List.of(new RemoteEvent.Message(portal, sender, mid, time,
                    List.of(MessagePart.only(ToMatrix.text(title))), Optional.empty(), Optional.empty()));
        }
        if (item.has("delivery")) {
            // Delivered to the person's device: Matrix has no receipt for that short of a read; nothing to show.
            LOG.debug("Page {}: {} messages delivered to {}", pageId, item.path("delivery").path("mids").size(), chat);
            return List.of();
        }
        LOG.debug("Page {}: a webhook item of a kind the bridge does not handle: {}", pageId, item.fieldNames());
        return List.of();
    }

    private List<RemoteEvent> message(PortalRef portal, Sender sender, String chat, boolean fromPage, Instant time,
                                      JsonNode message) {
        String mid = message.path("mid").asText("");
        if (mid.isEmpty()) {
            return List.of();
        }
        if (message.path("is_echo").asBoolean(false) || fromPage) {
            memory.pageMessage(chat, mid, time);
            if (OWN_METADATA.equals(message.path("metadata").asText(""))) {
                return List.of(); // sent by the bridge: already in the room
            }
        }
        List<MessagePart> parts = toMatrix.parts(message);
        Optional<String> replyTo = Optional.of(message.path("reply_to").path("mid").asText(""))
                .filter(s -> !s.isEmpty());
        return List.of(new RemoteEvent.Message(portal, sender, mid, time, parts, replyTo, Optional.empty()));
    }

    private List<RemoteEvent> reaction(PortalRef portal, Sender sender, Instant time, JsonNode reaction) {
        String mid = reaction.path("mid").asText("");
        String who = sender.remoteUserId();
        if (reaction.path("action").asText("react").equals("unreact")) {
            Optional<String> emoji = Optional.of(reaction.path("emoji").asText("")).filter(e -> !e.isEmpty())
                    .or(() -> memory.unreacted(mid, who));
            emoji.ifPresent(e -> memory.unreacted(mid, who));
            if (emoji.isEmpty() || who.equals(pageId) && memory.isOwnReaction(mid, emoji.get())) {
                return List.of();
            }
            return List.of(new RemoteEvent.ReactionRemoved(portal, sender, mid, emoji.get(), time));
        }
        String emoji = reaction.path("emoji").asText(reaction.path("reaction").asText(""));
        if (emoji.isEmpty() || who.equals(pageId) && memory.isOwnReaction(mid, emoji)) {
            return List.of();
        }
        memory.reacted(mid, who, emoji);
        return List.of(new RemoteEvent.Reaction(portal, sender, mid, emoji, time));
    }
}

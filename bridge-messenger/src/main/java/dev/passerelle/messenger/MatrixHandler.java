package dev.passerelle.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.MessageTarget;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.OutgoingReaction;
import dev.passerelle.core.spi.SentMessage;
import dev.passerelle.messenger.graph.GraphApi;
import dev.passerelle.messenger.graph.GraphException;
import dev.passerelle.messenger.graph.PageApi;
import dev.passerelle.messenger.msgconv.FromMatrix;
import dev.passerelle.messenger.msgconv.FromMatrix.Outgoing;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Matrix → Messenger through the Send API: messages (texts and uploaded files, replies), reactions and their
 * removal, {@code typing_on}/{@code typing_off} and {@code mark_seen}. Outside Meta's 24-hour window a message is
 * sent again with the {@code HUMAN_AGENT} tag when the config allows it, else the user is told why it was not
 * delivered. Blocks; called on the portal's queue.
 */
final class MatrixHandler {

    /** Builds the handler of one Page. */
    interface Factory {
        MatrixHandler create(PageApi page, TokenRejected tokenRejected);
    }

    /** A failure that ends the Page's session (#190): the client reports bad credentials. */
    interface TokenRejected {
        void rejected(GraphException e);
    }

    private final PageApi page;
    private final ObjectMapper json;
    private final FromMatrix fromMatrix;
    private final ConversationMemory memory;
    private final boolean humanAgentTag;
    private final TokenRejected tokenRejected;
    private final Clock clock;

    MatrixHandler(PageApi page, ObjectMapper json, FromMatrix fromMatrix, ConversationMemory memory,
                  boolean humanAgentTag, TokenRejected tokenRejected, Clock clock) {
        this.page = page;
        this.json = json;
        this.fromMatrix = fromMatrix;
        this.memory = memory;
        this.humanAgentTag = humanAgentTag;
        this.tokenRejected = tokenRejected;
        this.clock = clock;
    }

    /** Sends every piece of the message; answers the id of the first (replies, reactions and edits refer to it). */
    SentMessage send(OutgoingMessage message) throws NetworkException {
        List<Outgoing> pieces = fromMatrix.convert(message.content());
        Optional<String> first = Optional.empty();
        for (Outgoing piece : pieces) {
            Optional<String> replyTo = first.isEmpty() ? message.replyTo().map(MessageTarget::messageId)
                    : Optional.empty();
            String mid = sendPiece(message.chatId(), piece, replyTo);
            memory.pageMessage(message.chatId(), mid, clock.instant());
            if (first.isEmpty()) {
                first = Optional.of(mid);
            }
        }
        return new SentMessage(first.orElseThrow(), clock.instant());
    }

    private String sendPiece(String chat, Outgoing piece, Optional<String> replyTo) throws NetworkException {
        try {
            return sendOnce(chat, piece, replyTo, false);
        } catch (GraphException e) {
            if (!e.isOutsideWindow()) {
                throw failure("Your message", e);
            }
            if (!humanAgentTag) {
                throw SendErrors.outsideWindow(false);
            }
            try {
                return sendOnce(chat, piece, replyTo, true);
            } catch (GraphException again) {
                throw again.isOutsideWindow() ? SendErrors.outsideWindow(true) : failure("Your message", again);
            } catch (IOException io) {
                throw SendErrors.of("Sending your message", io);
            }
        } catch (IOException e) {
            throw SendErrors.of("Sending your message", e);
        }
    }

    private String sendOnce(String chat, Outgoing piece, Optional<String> replyTo, boolean tagged)
            throws GraphException, IOException {
        ObjectNode recipient = json.createObjectNode().put("id", chat);
        String messagingType = tagged ? "MESSAGE_TAG" : "RESPONSE";
        ObjectNode tag = json.createObjectNode();
        if (tagged) {
            tag.put("tag", "HUMAN_AGENT");
        }
        JsonNode answer = switch (piece) {
            case Outgoing.Text t -> {
                ObjectNode message = json.createObjectNode().put("text", t.text()).put("metadata",
                        RemoteEventHandler.OWN_METADATA);
                replyTo.ifPresent(r -> message.putObject("reply_to").put("mid", r));
                ObjectNode request = json.createObjectNode();
                request.set("recipient", recipient);
                request.put("messaging_type", messagingType);
                request.setAll(tag);
                request.set("message", message);
                yield page.send(request);
            }
            case Outgoing.File f -> {
                ObjectNode message = json.createObjectNode().put("metadata", RemoteEventHandler.OWN_METADATA);
                ObjectNode attachment = message.putObject("attachment").put("type", f.type());
                attachment.putObject("payload").put("is_reusable", false);
                replyTo.ifPresent(r -> message.putObject("reply_to").put("mid", r));
                yield page.sendFile(recipient, messagingType, message, tag,
                        new GraphApi.FilePart("filedata", f.fileName(), f.mimeType(), f.bytes()));
            }
        };
        String mid = answer.path("message_id").asText("");
        if (mid.isEmpty()) {
            throw new GraphException(200, 0, 0, false, "the Send API answered without a message_id");
        }
        return mid;
    }

    void react(OutgoingReaction reaction, boolean add) throws NetworkException {
        ObjectNode request = json.createObjectNode();
        request.putObject("recipient").put("id", reaction.target().chatId());
        request.put("sender_action", add ? "react" : "unreact");
        ObjectNode payload = request.putObject("payload").put("message_id", reaction.target().messageId());
        if (add) {
            payload.put("reaction", reaction.emoji());
            memory.ownReaction(reaction.target().messageId(), reaction.emoji());
        }
        try {
            page.send(request);
        } catch (GraphException e) {
            throw failure("Your reaction", e);
        } catch (IOException e) {
            throw SendErrors.of("Sending your reaction", e);
        }
        if (!add) {
            memory.ownReactionRemoved(reaction.target().messageId(), reaction.emoji());
        }
    }

    /** {@code typing_on}, {@code typing_off} or {@code mark_seen}. */
    void senderAction(String chat, String action) throws NetworkException {
        ObjectNode request = json.createObjectNode();
        request.putObject("recipient").put("id", chat);
        request.put("sender_action", action);
        try {
            page.send(request);
        } catch (GraphException e) {
            throw failure("Sending " + action, e);
        } catch (IOException e) {
            throw SendErrors.of("Sending " + action, e);
        }
    }

    private NetworkException failure(String what, GraphException e) {
        if (e.isInvalidToken()) {
            tokenRejected.rejected(e);
        }
        return SendErrors.of(what, e);
    }
}

package dev.passerelle.core.command;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.format.MatrixFormattedContent;
import dev.passerelle.core.format.MatrixHtmlRenderer;
import dev.passerelle.core.matrix.Intent;
import java.util.Optional;

/**
 * What a network's bot says in a room: notices with HTML and a plain body, QR images and their refreshes. Every
 * method blocks (call from a virtual thread) and throws {@link dev.passerelle.core.matrix.MatrixException} when the
 * homeserver refuses. Transaction ids are given by the caller so that replaying a command sends nothing twice.
 */
final class BotSender {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Intent bot;

    BotSender(Intent bot) {
        this.bot = bot;
    }

    String userId() {
        return bot.userId();
    }

    /** Sends an {@code m.notice}; returns its event id. */
    String notice(String roomId, FormattedText text, String txnId) {
        return bot.sendMessage(roomId, "m.room.message", noticeContent(text), txnId, Optional.empty());
    }

    /** Uploads the QR code and sends it as an {@code m.image}; returns the event id. */
    String qrImage(String roomId, QrCodeImage qr, String txnId) {
        return bot.sendMessage(roomId, "m.room.message", imageContent(upload(qr)), txnId, Optional.empty());
    }

    /**
     * Replaces the image of event {@code original} with a new QR code by an edit ({@code m.replace}), so the room
     * keeps one QR code that changes rather than a pile of stale ones.
     */
    String replaceQrImage(String roomId, String original, QrCodeImage qr, String txnId) {
        ObjectNode fresh = imageContent(upload(qr));
        ObjectNode edit = fresh.deepCopy();
        edit.put("body", "* " + fresh.path("body").asText());
        edit.set("m.new_content", fresh);
        edit.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", original);
        return bot.sendMessage(roomId, "m.room.message", edit, txnId, Optional.empty());
    }

    /** Redacts a message (a user's answer holding a secret). */
    void redact(String roomId, String eventId, String reason, String txnId) {
        bot.redact(roomId, eventId, Optional.of(reason), txnId);
    }

    private ImageUpload upload(QrCodeImage qr) {
        String mxc = bot.uploadMedia(qr.png(), "image/png", Optional.of("login-qr.png"));
        return new ImageUpload(mxc, qr);
    }

    private static ObjectNode imageContent(ImageUpload up) {
        ObjectNode c = JSON.objectNode().put("msgtype", "m.image").put("body", "login-qr.png").put("url", up.mxc);
        c.putObject("info").put("mimetype", "image/png").put("w", up.qr.width()).put("h", up.qr.height())
                .put("size", up.qr.png().length);
        return c;
    }

    static ObjectNode noticeContent(FormattedText text) {
        MatrixFormattedContent rendered = MatrixHtmlRenderer.render(text);
        ObjectNode c = JSON.objectNode().put("msgtype", "m.notice").put("body", rendered.body())
                .put("format", MatrixFormattedContent.HTML_FORMAT)
                .put("formatted_body", rendered.formattedBody().orElseGet(() -> MatrixHtmlRenderer.html(text)));
        c.putObject("m.mentions");
        return c;
    }

    private record ImageUpload(String mxc, QrCodeImage qr) {
    }
}

package dev.passerelle.messenger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays Meta's side of the webhooks: builds {@code messaging} items in the documented shapes, wraps them in
 * {@code {"object": "page", "entry": [...]}} and POSTs them to the bridge signed with the app secret
 * ({@code X-Hub-Signature-256}); also the {@code GET} verification handshake.
 */
final class MetaWebhooks {

    static final ObjectMapper JSON = new ObjectMapper();
    private final String endpoint;
    private final String pageId;
    private final String appSecret;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong mids = new AtomicLong(1);

    /** An answer of the bridge. */
    record Answer(int status, String body) {
    }

    MetaWebhooks(String bridgeUrl, String pageId, String appSecret) {
        this.endpoint = bridgeUrl + "/_passerelle/webhook/messenger";
        this.pageId = pageId;
        this.appSecret = appSecret;
    }

    /** A fresh timestamp, later than every earlier one (so that order is clear). */
    long now() {
        return clock.updateAndGet(t -> Math.max(t + 1, System.currentTimeMillis()));
    }

    String newMid() {
        return "m_person" + mids.getAndIncrement();
    }

    private ObjectNode item(String senderId, String recipientId) {
        ObjectNode item = JSON.createObjectNode();
        item.putObject("sender").put("id", senderId);
        item.putObject("recipient").put("id", recipientId);
        item.put("timestamp", now());
        return item;
    }

    /** A person's text message. */
    ObjectNode text(String psid, String mid, String text) {
        ObjectNode item = item(psid, pageId);
        item.putObject("message").put("mid", mid).put("text", text);
        return item;
    }

    /** A person's message with attachments ({@code type}, {@code payload} pairs as nodes). */
    ObjectNode attachments(String psid, String mid, Optional<String> text, List<ObjectNode> attachments) {
        ObjectNode item = item(psid, pageId);
        ObjectNode message = item.putObject("message").put("mid", mid);
        text.ifPresent(t -> message.put("text", t));
        ArrayNode list = message.putArray("attachments");
        attachments.forEach(list::add);
        return item;
    }

    static ObjectNode attachment(String type, String url) {
        ObjectNode a = JSON.createObjectNode().put("type", type);
        a.putObject("payload").put("url", url);
        return a;
    }

    ObjectNode reply(String psid, String mid, String text, String toMid) {
        ObjectNode item = text(psid, mid, text);
        ((ObjectNode) item.get("message")).putObject("reply_to").put("mid", toMid);
        return item;
    }

    ObjectNode quickReply(String psid, String mid, String title, String payload) {
        ObjectNode item = text(psid, mid, title);
        ((ObjectNode) item.get("message")).putObject("quick_reply").put("payload", payload);
        return item;
    }

    /** What the Page sent from elsewhere (Business Suite) or through an app: a {@code message_echoes} item. */
    ObjectNode echo(String psid, String mid, String text, Optional<String> metadata) {
        ObjectNode item = item(pageId, psid);
        ObjectNode message = item.putObject("message").put("is_echo", true).put("app_id", 263902037430900L)
                .put("mid", mid).put("text", text);
        metadata.ifPresent(m -> message.put("metadata", m));
        return item;
    }

    ObjectNode reaction(String psid, String mid, String action, String emoji) {
        ObjectNode item = item(psid, pageId);
        ObjectNode r = item.putObject("reaction").put("mid", mid).put("action", action);
        if (action.equals("react")) {
            r.put("reaction", "other").put("emoji", emoji);
        }
        return item;
    }

    ObjectNode edit(String psid, String mid, String newText) {
        ObjectNode item = item(psid, pageId);
        item.putObject("message_edit").put("mid", mid).put("text", newText).put("num_edit", 1);
        return item;
    }

    ObjectNode postback(String psid, String mid, String title, String payload) {
        ObjectNode item = item(psid, pageId);
        item.putObject("postback").put("mid", mid).put("title", title).put("payload", payload);
        return item;
    }

    ObjectNode read(String psid, long watermark) {
        ObjectNode item = item(psid, pageId);
        item.putObject("read").put("watermark", watermark);
        return item;
    }

    ObjectNode delivery(String psid, List<String> mids, long watermark) {
        ObjectNode item = item(psid, pageId);
        ObjectNode d = item.putObject("delivery").put("watermark", watermark);
        mids.forEach(d.putArray("mids")::add);
        return item;
    }

    /** One delivery body with these items in one entry of the Page. */
    byte[] body(List<ObjectNode> items) {
        ObjectNode body = JSON.createObjectNode().put("object", "page");
        ObjectNode entry = body.putArray("entry").addObject().put("id", pageId).put("time", now());
        ArrayNode messaging = entry.putArray("messaging");
        items.forEach(messaging::add);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Posts the items in one delivery, signed; fails unless the bridge answers 200. */
    byte[] send(ObjectNode... items) {
        byte[] body = body(List.of(items));
        Answer answer = post(body, Optional.of(sign(body)));
        if (answer.status() != 200) {
            throw new AssertionError("the bridge answered " + answer + " to a signed delivery");
        }
        return body;
    }

    /** Posts a body with the signature header given (empty: none). */
    Answer post(byte[] body, Optional<String> signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signature.ifPresent(s -> request.header("X-Hub-Signature-256", s));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("the bridge's webhook endpoint could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String sign(byte[] body) {
        return WebhookSignature.sign(appSecret, body);
    }

    /** The {@code GET} handshake Meta makes when the webhook URL is saved. */
    Answer verify(String mode, String verifyToken, String challenge) {
        URI uri = URI.create(endpoint + "?hub.mode=" + mode + "&hub.verify_token=" + verifyToken + "&hub.challenge="
                + challenge);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}

package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request being handled by the fake: its parsed parts, who it acts as, and what was answered. */
final class Exchange {
    final HttpServerRequest request;
    final String method;
    final String decodedPath;
    final List<String> segments;
    final byte[] rawBody;
    final Optional<JsonNode> json;
    Map<String, String> params = Map.of();
    Optional<String> user = Optional.empty();
    int status;
    Optional<String> errcode = Optional.empty();
    /** Records the call; run just before the answer leaves, so a caller never sees an answer not yet recorded. */
    Runnable recorder = () -> { };

    Exchange(HttpServerRequest request, byte[] rawBody) {
        this.request = request;
        this.method = request.method().name();
        this.segments = PathSegments.split(request.path());
        this.decodedPath = "/" + String.join("/", segments);
        this.rawBody = rawBody;
        this.json = parse(rawBody, request.getHeader("Content-Type"));
    }

    private static Optional<JsonNode> parse(byte[] raw, String contentType) {
        if (raw.length == 0 || (contentType != null && !contentType.startsWith("application/json"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Events.JSON.readTree(raw));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** The JSON object body; 400 M_NOT_JSON when absent or not an object. */
    ObjectNode body() {
        return json.filter(JsonNode::isObject).map(ObjectNode.class::cast)
                .orElseThrow(() -> new MatrixError(400, "M_NOT_JSON", "Content not JSON object"));
    }

    String param(String name) {
        return params.get(name);
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(request.getParam(name));
    }

    /** The user this request acts as; only valid on routes that require one. */
    String actingUser() {
        return user.orElseThrow(() -> new IllegalStateException("route handled without authentication"));
    }

    void ok(JsonNode body) {
        json(200, body);
    }

    void json(int code, JsonNode body) {
        status = code;
        recorder.run();
        request.response().setStatusCode(code).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(body.toString()));
    }

    void error(int code, String err, String message, Optional<Long> retryAfterMs) {
        ObjectNode b = Events.JSON.createObjectNode();
        b.put("errcode", err);
        b.put("error", message);
        retryAfterMs.ifPresent(ms -> {
            b.put("retry_after_ms", ms);
            request.response().putHeader("Retry-After", Long.toString((ms + 999) / 1000));
        });
        errcode = Optional.of(err);
        json(code, b);
    }

    void bytes(int code, String contentType, byte[] content, Optional<String> filename) {
        status = code;
        recorder.run();
        var resp = request.response().setStatusCode(code).putHeader("Content-Type", contentType);
        filename.ifPresent(f -> resp.putHeader("Content-Disposition", "attachment; filename=\"" + f + "\""));
        resp.end(Buffer.buffer(content));
    }

    static ObjectNode object() {
        return Events.JSON.createObjectNode();
    }
}

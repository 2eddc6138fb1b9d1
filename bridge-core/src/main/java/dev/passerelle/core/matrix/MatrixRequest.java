package dev.passerelle.core.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Client-Server request before it is sent. The template names the endpoint in metrics and logs; the path is
 * the template with each {@code {placeholder}} replaced by a percent-encoded argument.
 *
 * @param method      HTTP method
 * @param template    e.g. {@code /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}}
 * @param path        the concrete, encoded path
 * @param query       query parameters (encoded when sent); never an access token
 * @param body        the body bytes; empty for none
 * @param contentType the body's Content-Type
 * @param retry       which failures may be retried
 */
record MatrixRequest(HttpMethod method, String template, String path, Map<String, String> query,
                     Optional<byte[]> body, String contentType, RetryMode retry) {

    /** Which failures a request may be retried after. */
    enum RetryMode {
        /** Repeating it has no further effect (txn ids, PUT of state, joins): every passing failure is retried. */
        ALWAYS,
        /** Repeating it could act twice (createRoom, upload): only failures where it surely was not processed
         *  (rate limit, 503, connection refused). */
        IF_NOT_PROCESSED,
        /** Never retried: the caller wants to see the first answer (ping). */
        NEVER
    }

    static MatrixRequest of(HttpMethod method, String template, String... args) {
        StringBuilder path = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                path.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            path.append(template, i, open).append(encodeSegment(args[argIndex++]));
            i = close + 1;
        }
        if (argIndex != args.length) {
            throw new IllegalArgumentException(template + " takes " + argIndex + " arguments, got " + args.length);
        }
        return new MatrixRequest(method, template, path.toString(), new LinkedHashMap<>(), Optional.empty(),
                "application/json", RetryMode.ALWAYS);
    }

    /** Percent-encodes one path segment: {@code !room:server} becomes {@code %21room%3Aserver}. */
    static String encodeSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    MatrixRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    MatrixRequest json(JsonNode json) {
        return new MatrixRequest(method, template, path, query, Optional.of(json.toString().getBytes(
                StandardCharsets.UTF_8)), "application/json", retry);
    }

    MatrixRequest bytes(byte[] content, String type) {
        return new MatrixRequest(method, template, path, query, Optional.of(content), type, retry);
    }

    MatrixRequest retry(RetryMode mode) {
        return new MatrixRequest(method, template, path, query, body, contentType, mode);
    }

    /** The endpoint as named in metrics and logs, e.g. {@code PUT /_matrix/client/v3/rooms/{roomId}/leave}. */
    String endpoint() {
        return method.name() + " " + template;
    }
}

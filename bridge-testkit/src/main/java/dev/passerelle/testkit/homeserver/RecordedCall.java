package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the fake homeserver received, as it was answered.
 *
 * @param method   HTTP method, upper case
 * @param path     the raw (still percent-encoded) path, e.g. {@code /_matrix/client/v3/rooms/%21a%3Ax/send/...}
 * @param query    query parameters, decoded
 * @param user     the user the request acted as (the {@code user_id} masquerade, or the bot); empty when the
 *                 request carried no valid as_token or needs none
 * @param body     the JSON body; empty when there was none or it was not JSON (media uploads)
 * @param status   the HTTP status answered; 0 when the connection was dropped without an answer
 * @param errcode  the Matrix {@code errcode} answered; empty on success
 */
public record RecordedCall(
        String method,
        String path,
        Map<String, List<String>> query,
        Optional<String> user,
        Optional<JsonNode> body,
        int status,
        Optional<String> errcode) {

    /** The first value of a query parameter; empty when it was not sent. */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty()).map(List::getFirst);
    }

    /** The path with each segment percent-decoded, for readable assertions. */
    public String decodedPath() {
        return PathSegments.decode(path);
    }

    /** Whether this call has this method and its decoded path contains this text. */
    public boolean matches(String method, String pathPart) {
        return this.method.equalsIgnoreCase(method) && decodedPath().contains(pathPart);
    }
}

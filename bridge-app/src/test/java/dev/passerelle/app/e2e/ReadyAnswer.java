package dev.passerelle.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/**
 * One answer of the bridge's {@code GET /ready}.
 *
 * @param status the HTTP status; 0 when nothing answered (not listening yet, or gone)
 * @param body   the JSON body; a missing node when there was none
 */
record ReadyAnswer(int status, JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ReadyAnswer noAnswer() {
        return new ReadyAnswer(0, MissingNode.getInstance());
    }

    static ReadyAnswer parse(int status, String body) {
        try {
            return new ReadyAnswer(status, JSON.readTree(body));
        } catch (IOException e) {
            return new ReadyAnswer(status, MissingNode.getInstance());
        }
    }

    /** The reason a named check gives ({@code ok} when it passes); empty text when the check is not listed. */
    String check(String name) {
        return body.path("checks").path(name).asText("");
    }

    @Override
    public String toString() {
        return status == 0 ? "no answer" : status + " " + body;
    }
}
